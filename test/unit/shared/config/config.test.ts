import { ConfigurationError, readConfig } from '../../../../shared/config/config';

describe('readConfig', () => {
  it('reads and converts the named settings', () => {
    // Act
    const config = readConfig(
      ['TABLE_NAME', 'DNS_RESOLVER_SERVERS', 'DNS_POLL_INITIAL_SECONDS', 'DNS_CHECK_PRIVATE_NAME'],
      {
        TABLE_NAME: 'papi-dev-status',
        DNS_RESOLVER_SERVERS: '127.0.0.1:5353, 127.0.0.1:5354',
        DNS_POLL_INITIAL_SECONDS: '5',
        DNS_CHECK_PRIVATE_NAME: 'false',
      },
    );

    // Assess
    expect(config).toEqual({
      TABLE_NAME: 'papi-dev-status',
      DNS_RESOLVER_SERVERS: ['127.0.0.1:5353', '127.0.0.1:5354'],
      DNS_POLL_INITIAL_SECONDS: 5,
      DNS_CHECK_PRIVATE_NAME: false,
    });
  });

  it('uses defaults for unset or empty optional settings', () => {
    // Act
    const config = readConfig(['DNS_REDEPLOY_AFTER_SECONDS', 'ALLOWED_VPC_IDS'], {
      DNS_REDEPLOY_AFTER_SECONDS: '',
    });

    // Assess
    expect(config).toEqual({ DNS_REDEPLOY_AFTER_SECONDS: 300, ALLOWED_VPC_IDS: [] });
  });

  it('names every missing or malformed variable in one error', () => {
    // Act
    const read = () =>
      readConfig(['TABLE_NAME', 'EVENT_BUS_NAME', 'DNS_POLL_INITIAL_SECONDS'], {
        DNS_POLL_INITIAL_SECONDS: 'soon',
      });

    // Assess
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(
      /TABLE_NAME is not set.*EVENT_BUS_NAME is not set.*DNS_POLL_INITIAL_SECONDS is invalid/,
    );
  });
});

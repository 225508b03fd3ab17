/**
 * Imported before the logger: Powertools reads its level once, when the logger is built, and
 * resets to it on every invocation. Silent unless PAPI_TEST_LOG_LEVEL asks for logs, as in the
 * control-plane harness.
 */
process.env.POWERTOOLS_LOG_LEVEL = process.env.PAPI_TEST_LOG_LEVEL ?? 'SILENT';

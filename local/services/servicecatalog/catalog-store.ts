import type {
  ConstraintRecord,
  PortfolioRecord,
  ProductRecord,
  ProvisionedProductRecord,
  RequestRecord,
} from './records';

/** What `--state` keeps: the catalog an administrator built (stacks are not kept by the local CloudFormation). */
export interface CatalogSnapshot {
  readonly portfolios: PortfolioRecord[];
  readonly products: ProductRecord[];
  readonly constraints: ConstraintRecord[];
  readonly tokens: Record<string, string>;
}

/**
 * The state of the local Service Catalog, every Region: the catalog (portfolios, products and their
 * versions, constraints), the provisioned products and their requests, and the idempotency tokens
 * each create remembers (a token names what its first call made).
 */
export class CatalogStore {
  portfolios = new Map<string, PortfolioRecord>();
  products = new Map<string, ProductRecord>();
  constraints = new Map<string, ConstraintRecord>();
  /** Live provisioned products; a terminated one leaves this map (its records stay). */
  readonly provisionedProducts = new Map<string, ProvisionedProductRecord>();
  readonly records = new Map<string, RequestRecord>();
  /** `{operation}/{scope}/{token}` → the id the first call made or answered with. */
  tokens = new Map<string, string>();

  portfolio(region: string, id: string): PortfolioRecord | undefined {
    const found = this.portfolios.get(id);
    return found?.region === region ? found : undefined;
  }

  product(region: string, id: string): ProductRecord | undefined {
    const found = this.products.get(id);
    return found?.region === region ? found : undefined;
  }

  provisionedProduct(region: string, id: string): ProvisionedProductRecord | undefined {
    const found = this.provisionedProducts.get(id);
    return found?.region === region ? found : undefined;
  }

  record(region: string, id: string): RequestRecord | undefined {
    const found = this.records.get(id);
    return found?.region === region ? found : undefined;
  }

  /** Every item of a map in a Region, oldest first (maps keep insertion order). */
  inRegion<T extends { readonly region: string }>(items: ReadonlyMap<string, T>, region: string): T[] {
    return [...items.values()].filter((item) => item.region === region);
  }

  /** The records of a provisioned product, oldest first. */
  recordsOf(provisionedProductId: string): RequestRecord[] {
    return [...this.records.values()].filter(
      (record) => record.provisionedProductId === provisionedProductId,
    );
  }

  snapshot(): CatalogSnapshot {
    const catalogIds = new Set([
      ...this.portfolios.keys(),
      ...this.products.keys(),
      ...this.constraints.keys(),
    ]);
    return {
      portfolios: [...this.portfolios.values()],
      products: [...this.products.values()],
      constraints: [...this.constraints.values()],
      tokens: Object.fromEntries([...this.tokens].filter(([, id]) => catalogIds.has(id))),
    };
  }

  restore(state: unknown): void {
    const snapshot = readSnapshot(state);
    this.portfolios = new Map(snapshot.portfolios.map((portfolio) => [portfolio.id, portfolio]));
    this.products = new Map(snapshot.products.map((product) => [product.id, product]));
    this.constraints = new Map(snapshot.constraints.map((constraint) => [constraint.id, constraint]));
    this.tokens = new Map(Object.entries(snapshot.tokens));
  }
}

function readSnapshot(state: unknown): CatalogSnapshot {
  const value = (typeof state === 'object' && state !== null ? state : {}) as Partial<CatalogSnapshot>;
  const list = <T>(items: T[] | undefined, name: string): T[] => {
    if (!Array.isArray(items)) throw new Error(`servicecatalog snapshot: ${name} must be an array`);
    return items;
  };
  return {
    portfolios: list(value.portfolios, 'portfolios'),
    products: list(value.products, 'products'),
    constraints: list(value.constraints, 'constraints'),
    tokens: typeof value.tokens === 'object' && value.tokens !== null ? value.tokens : {},
  };
}

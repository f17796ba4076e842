gitopsStatus(environment: 'shop-production')

gitopsSync(environment: 'shop-prod')

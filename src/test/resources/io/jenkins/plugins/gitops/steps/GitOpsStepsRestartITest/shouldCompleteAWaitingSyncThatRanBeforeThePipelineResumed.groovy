gitopsSync(environment: 'shop-prod')
echo 'not reached: the sync failed'

gitopsSync(environment: 'shop-prod', timeout: 1)
echo 'not reached: the wait timed out'

def sha = gitopsSetImage(environment: 'shop-prod', image: 'registry.example.com/shop/web', tag: '1.4.2')
echo "commit=${sha}"

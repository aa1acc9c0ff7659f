# A volume of the credentials' project on the site toulouse:
terraform import crd_volume.data toulouse/7c2e4d8a-1f6b-4a53-9d0e-2b8f3c1a9e47

# A volume of another project of the site:
terraform import crd_volume.data toulouse/3f1d2c9e0b8a4f7e9d6c5b4a3e2f1d0c/7c2e4d8a-1f6b-4a53-9d0e-2b8f3c1a9e47

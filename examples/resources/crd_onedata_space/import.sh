# A space is imported by its Onezone space id:
terraform import crd_onedata_space.climate 4b5e3a1c9d8f7e6a5b4c3d2e1f0a9b8c

# A cluster of the credentials' project on the site toulouse:
terraform import crd_k8s_cluster.lab toulouse/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d

# A cluster of another project of the site:
terraform import crd_k8s_cluster.lab toulouse/3f1d2c9e0b8a4f7e9d6c5b4a3e2f1d0c/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d

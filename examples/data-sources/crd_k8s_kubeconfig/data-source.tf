# Terraform < 1.10 only: the client key and the kubeconfig are written to the state.
data "crd_k8s_kubeconfig" "lab" {
  cluster_id = crd_k8s_cluster.lab.id
  site       = crd_k8s_cluster.lab.site
  project    = crd_k8s_cluster.lab.project # needed for a cluster in a crd_project's tenant
}

provider "kubernetes" {
  host                   = data.crd_k8s_kubeconfig.lab.host
  cluster_ca_certificate = data.crd_k8s_kubeconfig.lab.ca_certificate
  client_certificate     = data.crd_k8s_kubeconfig.lab.client_certificate
  client_key             = data.crd_k8s_kubeconfig.lab.client_key
}

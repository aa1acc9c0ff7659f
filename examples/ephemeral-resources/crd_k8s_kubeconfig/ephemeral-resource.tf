# Terraform >= 1.10: credentials made for this run only, never written to plan or state.
ephemeral "crd_k8s_kubeconfig" "lab" {
  cluster_id = crd_k8s_cluster.lab.id
  site       = crd_k8s_cluster.lab.site
  project    = crd_k8s_cluster.lab.project # needed for a cluster in a crd_project's tenant
}

provider "kubernetes" {
  host                   = ephemeral.crd_k8s_kubeconfig.lab.host
  cluster_ca_certificate = ephemeral.crd_k8s_kubeconfig.lab.ca_certificate
  client_certificate     = ephemeral.crd_k8s_kubeconfig.lab.client_certificate
  client_key             = ephemeral.crd_k8s_kubeconfig.lab.client_key
}

provider "helm" {
  kubernetes = {
    host                   = ephemeral.crd_k8s_kubeconfig.lab.host
    cluster_ca_certificate = ephemeral.crd_k8s_kubeconfig.lab.ca_certificate
    client_certificate     = ephemeral.crd_k8s_kubeconfig.lab.client_certificate
    client_key             = ephemeral.crd_k8s_kubeconfig.lab.client_key
  }
}

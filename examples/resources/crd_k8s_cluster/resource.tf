# The newest Kubernetes 1.30 template of the site.
data "crd_k8s_templates" "v130" {
  kube_version = "1.30"
}

# A cluster with an autoscaled default worker group and a GPU node group.
resource "crd_k8s_cluster" "lab" {
  name          = "jupyterhub"
  template      = data.crd_k8s_templates.v130.name # a newer template upgrades in place
  master_flavor = "m1.medium"
  worker_flavor = "m1.large"
  node_count    = 2

  autoscaling {
    min_nodes = 2
    max_nodes = 6 # the quota check counts 6 workers
  }

  node_group {
    name       = "gpu"
    flavor     = "g1.large"
    node_count = 1
    min_nodes  = 1
    max_nodes  = 2
    labels     = { "nvidia.com/gpu" = "true" }
  }

  labels = {
    monitoring_enabled = "true"
  }

  timeouts {
    create = "45m" # Cluster API clusters can stay in progress forever: fail after 45 minutes
  }
}

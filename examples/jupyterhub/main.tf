# JupyterHub on a Kubernetes cluster on demand: a crd_k8s_cluster with an autoscaled node group
# for users' servers, the helm and kubernetes providers configured from the ephemeral
# crd_k8s_kubeconfig (fresh credentials for each run, never in the state), and the jupyterhub
# module. From the registry the module source would be "crd-cloud/jupyterhub/crd"; here it is the
# local copy.
#
#   terraform init
#   terraform apply -var oidc_client_secret="$OIDC_CLIENT_SECRET"
#
# Terraform configures the helm and kubernetes providers during apply, once the cluster exists
# (their credentials are unknown at plan time): one apply builds the whole stack.

terraform {
  required_version = ">= 1.11"

  required_providers {
    crd        = { source = "crd-cloud/crd" }
    helm       = { source = "hashicorp/helm", version = "~> 3.0" }
    kubernetes = { source = "hashicorp/kubernetes", version = "~> 2.38" }
  }
}

# With crd-sim: point OS_CLIENT_CONFIG_FILE at the clouds.yaml `crd-sim up` writes.
provider "crd" {
  default_site = "toulouse"

  site {
    name  = "toulouse"
    cloud = "crd-toulouse"
  }
}

variable "hostname" {
  description = "DNS name of the hub."
  type        = string
  default     = "hub.lab.example.org"
}

variable "oidc_client_secret" {
  description = "Client secret of the hub at the identity provider."
  type        = string
  sensitive   = true
  ephemeral   = true
}

data "crd_k8s_templates" "v130" {
  kube_version = "1.30"
}

resource "crd_k8s_cluster" "hub" {
  name          = "jupyterhub"
  template      = data.crd_k8s_templates.v130.name
  master_flavor = "m1.small"
  worker_flavor = "m1.small"
  node_count    = 1 # the hub, the proxy and the user scheduler

  # Users' servers: the cluster autoscaler adds nodes when servers wait, removes empty ones.
  node_group {
    name       = "users"
    flavor     = "m1.medium"
    node_count = 1
    min_nodes  = 1
    max_nodes  = 4
  }

  labels = {
    kube_dashboard_enabled = "false" # Magnum's default is on: the hub does not need it
  }

  timeouts {
    create = "45m"
  }
}

ephemeral "crd_k8s_kubeconfig" "hub" {
  cluster_id = crd_k8s_cluster.hub.id
  site       = crd_k8s_cluster.hub.site
  project    = crd_k8s_cluster.hub.project # the tenant's credentials for a cluster of a crd_project
}

provider "kubernetes" {
  host                   = ephemeral.crd_k8s_kubeconfig.hub.host
  cluster_ca_certificate = ephemeral.crd_k8s_kubeconfig.hub.ca_certificate
  client_certificate     = ephemeral.crd_k8s_kubeconfig.hub.client_certificate
  client_key             = ephemeral.crd_k8s_kubeconfig.hub.client_key
}

provider "helm" {
  kubernetes = {
    host                   = ephemeral.crd_k8s_kubeconfig.hub.host
    cluster_ca_certificate = ephemeral.crd_k8s_kubeconfig.hub.ca_certificate
    client_certificate     = ephemeral.crd_k8s_kubeconfig.hub.client_certificate
    client_key             = ephemeral.crd_k8s_kubeconfig.hub.client_key
  }
}

module "jupyterhub" {
  source = "../../modules/jupyterhub"

  hostname = var.hostname
  oidc = {
    client_id      = "jupyterhub"
    authorize_url  = "https://login.lab.example.org/realms/lab/protocol/openid-connect/auth"
    token_url      = "https://login.lab.example.org/realms/lab/protocol/openid-connect/token"
    userdata_url   = "https://login.lab.example.org/realms/lab/protocol/openid-connect/userinfo"
    allowed_groups = ["climate-lab"]
    admin_groups   = ["climate-lab-admins"]
  }
  oidc_client_secret = var.oidc_client_secret

  resources = { cpu_guarantee = 0.5, cpu_limit = 2, mem_guarantee = "2G", mem_limit = "4G" }
  storage   = { capacity = "20Gi", storage_class = "csi-cinder" }
  node_selectors = {
    user = { "capi.stackhpc.com/node-group" = "users" }
  }
  profiles = [
    { display_name = "Standard (2 CPU, 4 GB)", slug = "standard", default = true },
    { display_name = "Large (4 CPU, 16 GB)", slug = "large", cpu = 4, memory = "16G" },
  ]
  culling = { timeout = 7200 }
}

output "hub_url" {
  value = module.jupyterhub.hub_url
}

output "oauth_callback_url" {
  description = "Register this redirect URI for the client at the identity provider."
  value       = module.jupyterhub.oauth_callback_url
}

output "cluster_id" {
  value = crd_k8s_cluster.hub.id
}

output "kubernetes_api" {
  value = crd_k8s_cluster.hub.api_address
}

# Eight workers across two sites, one bastion per site, one provider block, no aliases.
# From the registry the source would be "crd-cloud/bastion-workers/crd"; here it is the local copy.

terraform {
  required_providers {
    crd = { source = "crd-cloud/crd" }
  }
}

# With crd-sim: paste the provider block `crd-sim up` prints, or keep this one and point
# OS_CLIENT_CONFIG_FILE at the clouds.yaml it writes.
provider "crd" {
  default_site = "toulouse"

  site {
    name  = "toulouse"
    cloud = "crd-toulouse"
  }

  site {
    name  = "montpellier"
    cloud = "crd-montpellier"
  }
}

variable "allowed_ssh_cidrs" {
  description = "Networks allowed to SSH to the bastions."
  type        = list(string)
  default     = ["192.0.2.0/24"]
}

variable "ssh_public_key" {
  description = "Your OpenSSH public key (the .pub file)."
  type        = string
  default     = ""
}

module "cluster" {
  source = "../.."

  name_prefix       = "lab"
  allowed_ssh_cidrs = var.allowed_ssh_cidrs
  ssh_public_keys   = var.ssh_public_key == "" ? [] : [var.ssh_public_key]

  worker_groups = {
    compute = {
      site   = "toulouse"
      count  = 4
      flavor = "m1.small"
      data_volumes = {
        scratch = { size_gb = 10 }
      }
    }
    analysis = {
      site   = "montpellier"
      count  = 4
      flavor = "m1.small"
    }
  }

  users = {
    alice = []
  }
  sudoers = ["alice"]
}

output "bastion_ips" {
  value = module.cluster.bastion_ips
}

output "workers" {
  value = module.cluster.workers
}

output "ssh_config" {
  value = module.cluster.ssh_config
}

output "ansible_inventory" {
  value = module.cluster.ansible_inventory
}

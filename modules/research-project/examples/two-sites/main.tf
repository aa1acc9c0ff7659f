# A research group's project on two sites: tenants with quotas, a Onedata space supported by both
# sites, and four workers behind a bastion in the Toulouse tenant.
# From the registry the source would be "crd-cloud/research-project/crd"; here it is the local copy.
#
# The provider block is not here: with crd-sim, copy the one `crd-sim up` writes
# (<data dir>/provider.tf: portal, Onezone and every site with its Onepanel) next to this file.

terraform {
  required_providers {
    crd = { source = "crd-cloud/crd" }
  }
}

variable "allowed_ssh_cidrs" {
  description = "Networks allowed to SSH to the bastion."
  type        = list(string)
  default     = ["192.0.2.0/24"]
}

variable "ssh_public_key" {
  description = "Your OpenSSH public key (the .pub file)."
  type        = string
  default     = ""
}

module "climate" {
  source = "../.."

  name        = "climate-lab"
  description = "Regional climate downscaling, 2027 campaign"
  customer    = "demo-lab"
  end_date    = "2027-12-31"

  # A throw-away project in a tutorial; keep the default (true) for real work.
  deletion_protection = false

  sites = {
    toulouse   = { cores = 32, ram_gb = 128, storage_gb = 1000, onedata_gb = 20 }
    strasbourg = { cores = 16, ram_gb = 64, onedata_gb = 10 }
  }

  onedata_space = {}

  workers = {
    allowed_ssh_cidrs = var.allowed_ssh_cidrs
    ssh_public_keys   = var.ssh_public_key == "" ? [] : [var.ssh_public_key]
    groups = {
      compute = { site = "toulouse", count = 4, flavor = "m1.small" }
    }
  }
}

output "project_id" {
  value = module.climate.project_id
}

output "tenants" {
  value = module.climate.tenants
}

output "quotas" {
  value = module.climate.quotas
}

output "onedata_space_id" {
  value = module.climate.onedata_space_id
}

output "onedata_supports" {
  value = module.climate.onedata_supports
}

output "bastion_ips" {
  value = module.climate.bastion_ips
}

output "ssh_config" {
  value = module.climate.ssh_config
}

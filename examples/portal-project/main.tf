# A research group's project in the portal: a tenant on two sites, quotas that fit the work and a
# VM in each tenant, in one apply. With crd-sim: `crd-sim up`, copy its provider block to
# provider.tf, then `terraform init && terraform apply`.
terraform {
  required_providers {
    crd = { source = "crd-cloud/crd" }
  }
}

variable "workers_per_site" {
  type        = number
  default     = 2
  description = "m1.large workers (4 vCPUs each) in each tenant."
}

resource "crd_project" "group" {
  name        = "genomics-2026"
  description = "Variant calling pipeline"
  customer    = "demo-lab"
  sites       = ["toulouse", "montpellier"]
  # deletion_protection = true (the default): set it to false and apply before destroying.
}

# Each site's quota fits the workers plus a margin; raising it and adding workers plan together.
resource "crd_quota" "site" {
  for_each = crd_project.group.sites
  project  = crd_project.group.id
  site     = each.key
  cores    = 4 * var.workers_per_site + 4
  ram_gb   = 8 * var.workers_per_site + 16
}

resource "crd_vm" "worker" {
  for_each = { for pair in setproduct(tolist(crd_project.group.sites), range(var.workers_per_site)) : "${pair[0]}-${pair[1]}" => pair[0] }
  project  = crd_project.group.id
  site     = each.value
  name     = "worker-${each.key}"
  flavor   = "m1.large"
  image    = "debian-12"
}

output "tenants" {
  value = { for site, t in crd_project.group.tenants : site => t.project_id }
}

output "workers" {
  value = { for k, vm in crd_vm.worker : k => vm.private_ip }
}

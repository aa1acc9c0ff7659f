# One apply on crd-sim through the real provider: a portal project on two sites with a quota each,
# a Onedata space requested from both, two workers in the project's Toulouse tenant. Needs crd-sim,
# OS_CLIENT_CONFIG_FILE pointing at its clouds.yaml and CRD_PORTAL_URL/CRD_PORTAL_TOKEN,
# CRD_ONEZONE_URL/CRD_ONEZONE_TOKEN from its provider.tf (tests/modules/run.sh sets them). The
# sites have no Onepanel credentials here, so both supports stay pending with a support token for
# the sites' administrators (examples/two-sites covers granted support).

provider "crd" {
  default_site = "toulouse"

  site {
    name  = "toulouse"
    cloud = "crd-toulouse"
  }

  site {
    name  = "montpellier"
    cloud = "crd-montpellier"
    # instances, volumes and floating_ips are not governed by the portal: the site's admin
    # credential changes them.
    admin_cloud = "crd-montpellier-admin"
  }
}

variables {
  name                = "tftest-lab"
  customer            = "demo-lab"
  deletion_protection = false
  sites = {
    toulouse    = { cores = 24, ram_gb = 96, onedata_gb = 5 }
    montpellier = { cores = 8, instances = 6, onedata_gb = 2 }
  }
  onedata_space = { name = "tftest-lab-data" }
  workers = {
    allowed_ssh_cidrs = ["192.0.2.0/24"]
    groups            = { compute = { site = "toulouse", count = 2, flavor = "m1.tiny" } }
  }
}

run "apply_on_crd_sim" {
  command = apply

  assert {
    condition     = toset(keys(output.tenants)) == toset(["toulouse", "montpellier"]) && alltrue([for t in values(output.tenants) : t.state == "OK" && t.project_id != "" && t.network_id != ""])
    error_message = "A ready tenant with its network on each site."
  }
  assert {
    condition     = output.quotas["toulouse"].cores == 24 && output.quotas["toulouse"].ram_gb == 96 && output.quotas["montpellier"].instances == 6
    error_message = "The quotas as set."
  }
  assert {
    condition     = output.onedata_space_id != null && output.onedata_supports == { toulouse = "pending", montpellier = "pending" }
    error_message = "The space exists; without Onepanel credentials both supports wait for the sites' administrators."
  }
  assert {
    condition     = length(output.workers) == 2 && alltrue([for w in values(output.workers) : w.site == "toulouse" && w.private_ip != null])
    error_message = "Two workers in the project's Toulouse tenant."
  }
  assert {
    condition     = strcontains(output.ssh_config, "ProxyJump tftest-lab-bastion-toulouse")
    error_message = "The SSH config jumps through the bastion."
  }
}

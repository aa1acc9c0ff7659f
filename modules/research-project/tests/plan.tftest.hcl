# Plan-only tests with a mock crd provider: the resources the module plans and the validation of
# its inputs. tests/apply_crd_sim.tftest.hcl applies it on crd-sim.

mock_provider "crd" {}

variables {
  name     = "climate-lab"
  customer = "demo-lab"
  sites = {
    toulouse   = { cores = 32, ram_gb = 128, onedata_gb = 20 }
    strasbourg = { cores = 16, onedata_gb = 10 }
    paris      = { instances = 4 }
  }
  onedata_space = {}
}

run "project_quota_per_site_and_space" {
  command = plan

  assert {
    condition     = crd_project.this.sites == toset(["toulouse", "strasbourg", "paris"]) && crd_project.this.deletion_protection
    error_message = "One project with a tenant on each site, protected by default."
  }
  assert {
    condition     = toset(keys(crd_quota.site)) == toset(["toulouse", "strasbourg", "paris"])
    error_message = "One crd_quota per site."
  }
  assert {
    condition     = crd_quota.site["toulouse"].cores == 32 && crd_quota.site["toulouse"].ram_gb == 128 && crd_quota.site["toulouse"].instances == null
    error_message = "Only the limits given are managed."
  }
  assert {
    condition     = crd_onedata_space.data[0].name == "climate-lab" && length(crd_onedata_space.data[0].support) == 2
    error_message = "The space is named after the project and supported by the two sites with onedata_gb."
  }
  assert {
    condition     = { for s in crd_onedata_space.data[0].support : s.site => s.size_gb } == { toulouse = 20, strasbourg = 10 }
    error_message = "Support sizes from onedata_gb."
  }
  assert {
    condition     = length(module.workers) == 0 && output.ssh_config == null
    error_message = "No workers unless asked."
  }
}

run "workers_inside_the_project" {
  command = plan

  variables {
    workers = {
      allowed_ssh_cidrs = ["192.0.2.0/24"]
      groups            = { compute = { site = "toulouse", count = 2, flavor = "m1.small" } }
    }
  }

  assert {
    condition     = length(module.workers) == 1
    error_message = "The bastion-workers module is called."
  }
}

run "rejects_a_site_without_limits" {
  command = plan

  variables {
    sites = { toulouse = { onedata_gb = 5 } }
  }

  expect_failures = [var.sites]
}

run "rejects_a_space_no_site_supports" {
  command = plan

  variables {
    sites = { toulouse = { cores = 8 } }
  }

  expect_failures = [var.onedata_space]
}

run "rejects_workers_on_a_site_outside_the_project" {
  command = plan

  variables {
    workers = {
      allowed_ssh_cidrs = ["192.0.2.0/24"]
      groups            = { compute = { site = "reims", count = 1, flavor = "m1.small" } }
    }
  }

  expect_failures = [var.workers]
}

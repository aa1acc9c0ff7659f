# Quickstart: the crd provider against crd-sim, the local federation simulator.
# scripts/quickstart starts crd-sim, installs the provider and adds provider.tf (the provider
# block crd-sim prints, with working credentials for every site) next to this file.

terraform {
  required_version = ">= 1.5"
  required_providers {
    crd = {
      source  = "crd-cloud/crd"
      version = ">= 0.1.0"
    }
  }
}

# Resources (crd_vm, crd_volume, ...) arrive with the next provider releases; today the
# quickstart proves the provider starts, validates its configuration for all six sites and
# plans cleanly.

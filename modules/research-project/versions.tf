terraform {
  # optional() object attributes with defaults (1.3); cross-variable validation (1.9);
  # `terraform test` with mock providers (1.7).
  required_version = ">= 1.9"

  required_providers {
    crd = {
      source  = "crd-cloud/crd"
      version = ">= 0.1.0"
    }
  }
}

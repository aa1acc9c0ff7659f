terraform {
  # Write-only arguments (kubernetes_secret_v1.data_wo) need Terraform 1.11; ephemeral input
  # variables 1.10; cross-variable validation 1.9; mock providers in `terraform test` 1.7.
  required_version = ">= 1.11"

  required_providers {
    # helm 3.x: `kubernetes = { ... }` in the provider block and `set` as a list.
    helm = {
      source  = "hashicorp/helm"
      version = ">= 3.0.0, < 4.0.0"
    }
    # kubernetes 2.x with write-only secret data (`data_wo`, 2.38).
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = ">= 2.38.0, < 3.0.0"
    }
  }
}

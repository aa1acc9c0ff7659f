provider "crd" {
  portal_url   = "https://portal.crd.example/api/" # or CRD_PORTAL_URL
  portal_token = var.portal_token                  # or CRD_PORTAL_TOKEN
  default_site = "toulouse"                        # or CRD_DEFAULT_SITE

  site {
    name                          = "toulouse"
    auth_url                      = "https://keystone.toulouse.crd.example:5000/v3"
    region                        = "RegionOne"
    application_credential_id     = var.toulouse_credential_id
    application_credential_secret = var.toulouse_credential_secret
  }

  # A site whose credentials live in clouds.yaml (OS_CLIENT_CONFIG_FILE or the usual places).
  site {
    name  = "montpellier"
    cloud = "crd-montpellier"
  }
}

variable "portal_token" {
  type      = string
  sensitive = true
}

variable "toulouse_credential_id" {
  type = string
}

variable "toulouse_credential_secret" {
  type      = string
  sensitive = true
}

# A space for a project's datasets, supported by toulouse and strasbourg through their Onepanels
# (the provider block has their onepanel_url/onepanel_token), and requested from brest, whose
# administrators receive a support token.
resource "crd_onedata_space" "climate" {
  name = "climate-data"

  support {
    site    = "toulouse"
    size_gb = 500
  }
  support {
    site    = "strasbourg"
    size_gb = 200
  }
  support {
    site    = "brest"
    size_gb = 1000
  }
}

# Hand this to brest's administrators (terraform output -raw brest_support_token).
output "brest_support_token" {
  value     = crd_onedata_space.climate.support[2].support_token
  sensitive = true
}

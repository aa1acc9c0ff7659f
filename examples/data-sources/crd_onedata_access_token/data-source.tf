# Terraform older than 1.10: the same scoped token, stored (sensitive) in the state.
data "crd_onedata_access_token" "mount" {
  space_id  = crd_onedata_space.climate.id
  read_only = true
  interface = "oneclient"
  ttl       = "720h"
}

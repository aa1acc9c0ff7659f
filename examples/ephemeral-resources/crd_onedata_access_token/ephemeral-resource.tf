# A read-only token for one space, usable only by oneclient, valid for 8 hours, never stored.
ephemeral "crd_onedata_access_token" "mount" {
  space_id  = crd_onedata_space.climate.id
  read_only = true
  interface = "oneclient"
  ttl       = "8h"
}

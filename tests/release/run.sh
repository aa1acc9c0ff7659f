#!/usr/bin/env bash
# Release artifacts (scripts/release) checked the way Terraform consumes them, printing
# "# pass N" / "# fail N":
#   - a throw-away GPG key (never the release key) signs SHA256SUMS; the detached signature
#     verifies and the sums match the files;
#   - the manifest declares protocol versions 6.0 and 5.0; the zip holds exactly
#     terraform-provider-crd_v<version>, executable;
#   - with the real CLI: the linux_amd64 zip installed through a filesystem_mirror in the packed
#     layout, `terraform init` (which unpacks and checks the archive and records its hashes in
#     .terraform.lock.hcl) and `terraform validate` of a configuration using the provider; the
#     lock file's zh: hash is the zip's SHA-256 from SHA256SUMS.
# The linux_amd64 binary is $CRD_PROVIDER_PATH when set (scripts/test publishes it), else
# scripts/release publishes it (NativeAOT, a few minutes). Nothing is left behind.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
pass=0
fail=0
work="$(mktemp -d)"
trap 'gpgconf --homedir "$work/gnupg" --kill all >/dev/null 2>&1; rm -rf "$work"' EXIT
ok() { pass=$((pass + 1)); echo "ok - release: $*"; }
not_ok() { fail=$((fail + 1)); echo "not ok - release: $*"; [[ -n "${2:-}" && -f "$2" ]] && tail -n 40 "$2" | sed 's/^/    | /'; return 0; }
finish() { echo "# pass $pass"; echo "# fail $fail"; [[ $fail -eq 0 ]]; exit; }

for tool in gpg zip unzip sha256sum; do command -v "$tool" >/dev/null || { echo "release: $tool not installed: skipped"; finish; }; done
version="$(sed -n 's:.*<Version>\([^<]*\)</Version>.*:\1:p' "$repo/Directory.Build.props" | head -n1)"
project="terraform-provider-crd"

# A throw-away signing key in a keyring of its own.
export GNUPGHOME="$work/gnupg"
mkdir -m 0700 "$GNUPGHOME"
gpg --batch --passphrase '' --quick-gen-key "crd release test (throw-away) <release-test@crd.invalid>" ed25519 sign 1d >"$work/gpg.log" 2>&1 \
  || { not_ok "cannot create a throw-away GPG key" "$work/gpg.log"; finish; }
fingerprint="$(gpg --batch --with-colons --list-secret-keys | awk -F: '/^fpr:/ {print $10; exit}')"

prebuilt=()
[[ -n "${CRD_PROVIDER_PATH:-}" && -x "${CRD_PROVIDER_PATH}" ]] && prebuilt=(--prebuilt "linux_amd64=$CRD_PROVIDER_PATH")
out="$work/dist"
if "$repo/scripts/release" --targets linux_amd64 "${prebuilt[@]}" --gpg-key "$fingerprint" --out "$out" >"$work/release.log" 2>&1; then
  ok "scripts/release produced $(ls "$out" | tr '\n' ' ')"
else
  not_ok "scripts/release failed" "$work/release.log"; finish
fi

zip="${project}_${version}_linux_amd64.zip"
sums="${project}_${version}_SHA256SUMS"
manifest="${project}_${version}_manifest.json"
for f in "$zip" "$sums" "$sums.sig" "$manifest"; do [[ -s "$out/$f" ]] || not_ok "missing $f"; done

(cd "$out" && sha256sum --check --strict "$sums") >"$work/sums.log" 2>&1 && ok "SHA256SUMS matches the zip and the manifest" || not_ok "SHA256SUMS does not match" "$work/sums.log"
grep -q "  $zip\$" "$out/$sums" && grep -q "  $manifest\$" "$out/$sums" && ok "SHA256SUMS lists the zip and the manifest" || not_ok "SHA256SUMS lacks an entry"
gpg --batch --verify "$out/$sums.sig" "$out/$sums" >"$work/verify.log" 2>&1 && grep -q "$fingerprint" "$work/verify.log" \
  && ok "the detached signature verifies with the signing key ($fingerprint)" || not_ok "the signature does not verify" "$work/verify.log"
[[ "$(head -c 1 "$out/$sums.sig" | od -An -tx1 | tr -d ' ')" != "2d" ]] && ok "the signature is binary (not ASCII-armored), as the registry requires" || not_ok "the signature is armored"
cp "$out/$sums" "$work/tampered" && sed -i '1s/^./0/' "$work/tampered"
gpg --batch --verify "$out/$sums.sig" "$work/tampered" >/dev/null 2>&1 && not_ok "a tampered SHA256SUMS still verifies" || ok "a tampered SHA256SUMS fails verification"
python3 - "$out/$manifest" <<'PY' && ok "manifest: version 1, protocol versions 6.0 and 5.0" || not_ok "manifest is wrong: $(cat "$out/$manifest")"
import json, sys
m = json.load(open(sys.argv[1]))
sys.exit(0 if m["version"] == 1 and sorted(m["metadata"]["protocol_versions"]) == ["5.0", "6.0"] else 1)
PY
listing="$(unzip -Z1 "$out/$zip")"
[[ "$listing" == "${project}_v${version}" ]] && ok "the zip holds exactly ${project}_v${version}" || not_ok "the zip holds: $listing"
unzip -q -d "$work/unzipped" "$out/$zip" && [[ -x "$work/unzipped/${project}_v${version}" ]] && ok "the executable keeps its mode in the zip" || not_ok "the unzipped provider is not executable"
"$work/unzipped/${project}_v${version}" >"$work/run.log" 2>&1; [[ $? -ne 0 ]] && grep -qi "plugin\|terraform" "$work/run.log" \
  && ok "run directly, the binary refuses politely (not a plugin handshake)" || not_ok "the binary did not refuse to run outside Terraform" "$work/run.log"

cli="$(command -v terraform || command -v tofu || true)"
if [[ -z "$cli" ]]; then
  echo "release: no terraform/tofu CLI on PATH: filesystem_mirror install skipped"
  finish
fi

# Packed layout: <mirror>/<hostname>/<namespace>/<type>/terraform-provider-<type>_<version>_<os>_<arch>.zip
mirror="$work/mirror"
for host in registry.terraform.io registry.opentofu.org; do
  mkdir -p "$mirror/$host/crd-cloud/crd" && cp "$out/$zip" "$mirror/$host/crd-cloud/crd/"
done
cat >"$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/crd-cloud/crd", "registry.opentofu.org/crd-cloud/crd"]
  }
  direct {
    exclude = ["registry.terraform.io/crd-cloud/crd", "registry.opentofu.org/crd-cloud/crd"]
  }
}
RC
mkdir -p "$work/tf"
cat >"$work/tf/main.tf" <<HCL
terraform {
  required_providers {
    crd = {
      source  = "crd-cloud/crd"
      version = "= $version"
    }
  }
}
provider "crd" {
  default_site = "toulouse"
  site {
    name                          = "toulouse"
    auth_url                      = "http://127.0.0.1:9/sites/toulouse/identity/v3"
    application_credential_id     = "unused"
    application_credential_secret = "unused"
  }
}
resource "crd_security_group" "ssh" {
  name = "ssh"
  rule {
    direction        = "ingress"
    protocol         = "tcp"
    port_range_min   = 22
    port_range_max   = 22
    remote_ip_prefix = "192.0.2.0/24"
  }
}
HCL
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1 TF_PLUGIN_CACHE_DIR=""
(cd "$work/tf" && "$cli" init -input=false -no-color) >"$work/init.log" 2>&1 \
  && grep -q "Installed crd-cloud/crd v$version" "$work/init.log" \
  && ok "terraform init installs crd-cloud/crd v$version from the packed filesystem_mirror" || not_ok "terraform init from the mirror failed" "$work/init.log"
zip_sha="$(awk -v f="$zip" '$2 == f {print $1}' "$out/$sums")"
grep -q "\"zh:$zip_sha\"" "$work/tf/.terraform.lock.hcl" 2>/dev/null \
  && ok "the lock file records the zip's SHA-256 from SHA256SUMS (zh:$zip_sha)" || not_ok "the lock file lacks zh:$zip_sha" "$work/tf/.terraform.lock.hcl"
grep -q '"h1:' "$work/tf/.terraform.lock.hcl" 2>/dev/null && ok "the lock file records the unpacked package hash (h1:)" || not_ok "the lock file has no h1: hash" "$work/tf/.terraform.lock.hcl"
(cd "$work/tf" && "$cli" validate -no-color) >"$work/validate.log" 2>&1 \
  && ok "terraform validate runs the installed provider" || not_ok "terraform validate failed" "$work/validate.log"
# A zip that does not match the lock file is refused on the next init.
(cd "$work/tf" && rm -rf .terraform) && printf 'x' >>"$mirror/registry.terraform.io/crd-cloud/crd/$zip"
(cd "$work/tf" && "$cli" init -input=false -no-color) >"$work/init2.log" 2>&1 \
  && not_ok "a modified zip was accepted against the lock file" "$work/init2.log" || ok "a modified zip is refused against the lock file"
finish

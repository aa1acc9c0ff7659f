#!/usr/bin/env bash
# The stand-in providers for hashicorp/helm 3.1.2 and hashicorp/kubernetes 2.38.0
# (tests/StandIns/README.md), driven by the real terraform CLI through a filesystem mirror
# under their real source addresses. These are stand-ins: no Kubernetes runs here; the
# "cluster" is the JSON records under $CRD_STANDIN_DIR. Prints "# pass N" / "# fail N".
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pass=0
fail=0
last_log=""
ok() { pass=$((pass + 1)); echo "ok - standins: $*"; }
not_ok() {
  fail=$((fail + 1)); echo "not ok - standins: $*"
  [[ -n "$last_log" && -f "$last_log" ]] && sed 's/^/    | /' "$last_log" | tail -n 30
  return 0
}
check() { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }
done_() { echo "# pass $pass"; echo "# fail $fail"; [[ $fail -eq 0 ]]; exit $?; }

if ! command -v terraform >/dev/null; then
  echo "standins: skipped: no terraform CLI on PATH"; echo "# pass 0"; echo "# fail 0"; exit 0
fi
for tool in openssl jq; do
  command -v $tool >/dev/null || { echo "standins: skipped: $tool not found"; echo "# pass 0"; echo "# fail 0"; exit 0; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/crd-standins.XXXXXX")
trap '[[ "${STANDINS_KEEP:-0}" == 1 ]] && echo "kept $work" || rm -rf "$work"' EXIT
export CRD_STANDIN_DIR="$work/records" TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
unset TF_LOG TF_LOG_PROVIDER

"$here/install-mirror.sh" "$work/mirror" >"$work/install.log" 2>&1 || { last_log="$work/install.log"; not_ok "install-mirror.sh"; done_; }
cat >"$TF_CLI_CONFIG_FILE" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["registry.terraform.io/hashicorp/*"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/*"]
  }
}
RC

# --- PKI: the cluster CA, a client it signed, a client of another CA, an impostor CA with the
# same name but another key, all ECDSA P-256 like crd_k8s_kubeconfig's.
pki="$work/tf/pki"
mkdir -p "$pki"
(
  cd "$pki"
  ca() { openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -keyout "$1.key" -out "$1.pem" -days 2 -subj "/CN=$2" 2>/dev/null; }
  client() {
    openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -keyout "$1.key" -out "$1.csr" -subj "/O=system:masters/CN=$1" 2>/dev/null
    openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2.key" -CAcreateserial -out "$1.pem" -days 1 2>/dev/null
  }
  ca ca "cluster-ca" && ca other-ca "another-cluster-ca" && ca impostor-ca "cluster-ca"
  client admin ca && client stranger other-ca && client forged impostor-ca
) || { not_ok "openssl test PKI"; done_; }

tf() { # tf LOGNAME args...: runs terraform in $work/tf, output in $work/LOGNAME.log
  last_log="$work/$1.log"; shift
  (cd "$work/tf" && terraform "$@" -no-color) >"$last_log" 2>&1
}
record() { jq -r "$2" "$CRD_STANDIN_DIR/$1.json" 2>/dev/null; }

cat >"$work/tf/main.tf" <<'HCL'
terraform {
  required_providers {
    helm       = { source = "hashicorp/helm", version = "3.1.2" }
    kubernetes = { source = "hashicorp/kubernetes", version = "2.38.0" }
  }
}

variable "client" {
  type    = string
  default = "admin"
}
variable "client_key" {
  type    = string
  default = ""
}
variable "replicas" {
  type    = number
  default = 2
}
variable "override" {
  type    = string
  default = <<-YAML
    hub:
      config:
        JupyterHub:
          authenticator_class: generic-oauth
    singleuser:
      image:
        tag: "2"
  YAML
}
variable "secret_revision" {
  type    = number
  default = 1
}
variable "client_secret" {
  type      = string
  sensitive = true
  default   = "oidc-secret-PLUGH"
}

# The cluster's address is known only after apply, as with a crd_k8s_cluster created in the
# same run: the first plan configures both providers with unknown values.
resource "terraform_data" "cluster" {
  input = "https://k8s.example.test:6443"
}

locals {
  host = terraform_data.cluster.output
  ca   = file("${path.module}/pki/ca.pem")
  cert = file("${path.module}/pki/${var.client}.pem")
  key  = file("${path.module}/pki/${coalesce(var.client_key, var.client)}.key")
}

provider "kubernetes" {
  host                   = local.host
  cluster_ca_certificate = local.ca
  client_certificate     = local.cert
  client_key             = local.key
}

provider "helm" {
  kubernetes = {
    host                   = local.host
    cluster_ca_certificate = local.ca
    client_certificate     = local.cert
    client_key             = local.key
  }
}

resource "kubernetes_namespace_v1" "hub" {
  metadata {
    name   = "jhub"
    labels = { "app.kubernetes.io/part-of" = "jupyterhub" }
  }
}

resource "kubernetes_secret_v1" "oauth" {
  metadata {
    name      = "hub-oauth"
    namespace = kubernetes_namespace_v1.hub.metadata[0].name
  }
  data_wo          = { client_secret = var.client_secret }
  data_wo_revision = var.secret_revision
}

resource "helm_release" "hub" {
  name       = "jupyterhub"
  namespace  = kubernetes_namespace_v1.hub.metadata[0].name
  repository = "https://hub.jupyter.org/helm-chart/"
  chart      = "jupyterhub"
  version    = "4.2.0"
  values = [
    yamlencode({
      hub        = { config = { JupyterHub = { authenticator_class = "dummy", admin_access = true } } }
      proxy      = { service = { type = "ClusterIP" } }
      singleuser = { image = { name = "quay.io/jupyter/scipy-notebook", tag = "1" }, profileList = [{ display_name = "a" }, { display_name = "b" }] }
    }),
    var.override,
  ]
  set = [
    { name = "scheduling.userScheduler.replicas", value = var.replicas },
    { name = "hub.extraEnv.OAUTH\\.SECRET\\.NAME", value = kubernetes_secret_v1.oauth.metadata[0].name, type = "string" },
    { name = "singleuser.profileList[1].display_name", value = "GPU" },
    { name = "prePuller.hook.enabled", value = "false" },
  ]
  set_sensitive = [{ name = "hub.cookieSecret", value = "cookie-XYZZY" }]
}

output "revision" {
  value = helm_release.hub.metadata.revision
}
HCL

# 1. init finds both stand-ins in the filesystem mirror.
tf init init
check "terraform init installs hashicorp/helm 3.1.2 and hashicorp/kubernetes 2.38.0 from the mirror" \
  bash -c "grep -q 'Installed hashicorp/helm v3.1.2' '$last_log' && grep -q 'Installed hashicorp/kubernetes v2.38.0' '$last_log'"

# 2. create: namespace, secret (write-only data), release (two documents, set, set_sensitive).
tf apply1 apply -auto-approve
check "apply (providers configured with unknown values at plan) creates the namespace, the secret and the release" grep -q 'Apply complete! Resources: 4 added, 0 changed, 0 destroyed' "$last_log"
release=helm/releases/jhub/jupyterhub
check "the release records chart, repository, version, namespace and host" \
  test "$(record $release '[.chart, .repository, .version, .namespace, .status, .kubernetes_host] | join(" ")')" \
  = "jupyterhub https://hub.jupyter.org/helm-chart/ 4.2.0 jhub deployed https://k8s.example.test:6443"
check "merged values: the later document wins, maps merge deeply" \
  test "$(record $release '.merged_values | [.hub.config.JupyterHub.authenticator_class, .hub.config.JupyterHub.admin_access, .singleuser.image.name, .singleuser.image.tag, .proxy.service.type] | map(tostring) | join(" ")')" \
  = "generic-oauth true quay.io/jupyter/scipy-notebook 2 ClusterIP"
check "merged values: set applies helm paths (typed numbers and bools, escaped dots, list index)" \
  test "$(record $release '.merged_values | [(.scheduling.userScheduler.replicas | type), .scheduling.userScheduler.replicas, .hub.extraEnv["OAUTH.SECRET.NAME"], .singleuser.profileList[1].display_name, .singleuser.profileList[0].display_name, .prePuller.hook.enabled] | map(tostring) | join(" ")')" \
  = "number 2 hub-oauth GPU a false"
check "the release records the raw values documents and the set entries" \
  test "$(record $release '[(.values | length), (.set | length), .set[0].name, .set_sensitive[0].name] | map(tostring) | join(" ")')" \
  = "2 4 scheduling.userScheduler.replicas hub.cookieSecret"
check "the secret records its write-only data, namespace, type and host" \
  test "$(record kubernetes/secrets/jhub/hub-oauth '[.data.client_secret, .metadata.namespace, .type, .kubernetes_host] | join(" ")')" \
  = "oidc-secret-PLUGH jhub Opaque https://k8s.example.test:6443"
check "the namespace records its labels" \
  test "$(record kubernetes/namespaces/jhub '.metadata.labels["app.kubernetes.io/part-of"]')" = "jupyterhub"

# 3. no secret value in the state; metadata.values cloaks set_sensitive.
tf show show -json
check "terraform show -json holds the four resources and no write-only secret" \
  bash -c "test \"\$(jq '.values.root_module.resources | length' '$last_log')\" = 4 && ! grep -q PLUGH '$last_log'"
check "the state file holds no write-only secret, and secret data is null" \
  bash -c "! grep -q PLUGH '$work/tf/terraform.tfstate' && test \"\$(jq -r '.values.root_module.resources[] | select(.type==\"kubernetes_secret_v1\") | .values.data' '$last_log')\" = null"
check "metadata.values cloaks set_sensitive names" \
  test "$(jq -r '.values.root_module.resources[] | select(.type=="helm_release") | .values.metadata.values' "$last_log" | jq -r '.hub.cookieSecret')" = "(sensitive value)"

# 4. a second plan is empty.
tf plan2 plan -detailed-exitcode
check "the plan after apply is empty" grep -q 'No changes.' "$last_log"

# 5. a changed value updates in place and bumps the revision.
tf plan3 plan -var replicas=3
check "changing a set value plans an in-place update" grep -q 'Plan: 0 to add, 1 to change, 0 to destroy' "$last_log"
check "the plan output shows no sensitive value" bash -c "! grep -q -e cookie-XYZZY -e PLUGH '$last_log'"
tf apply3 apply -auto-approve -var replicas=3
check "the update applies in place" grep -q 'Resources: 0 added, 1 changed, 0 destroyed' "$last_log"
check "the update bumps the recorded revision and metadata.revision to 2" \
  bash -c "test \"\$(jq -r '.revision' '$CRD_STANDIN_DIR/$release.json') \$(cd '$work/tf' && terraform output -raw revision)\" = '2 2'"
check "the update records the new value" test "$(record $release '.merged_values.scheduling.userScheduler.replicas')" = 3

# 5b. write-only data: a new value alone changes nothing; a new data_wo_revision rewrites the record.
tf plan3b plan -var replicas=3 -var client_secret=rotated-XYZZY
check "a new data_wo value without a new revision plans no change" grep -q 'No changes.' "$last_log"
TF_LOG_PROVIDER=DEBUG TF_LOG_PATH="$work/provider-debug.log" tf apply3b apply -auto-approve -var replicas=3 -var client_secret=rotated-XYZZY -var secret_revision=2
check "a new data_wo_revision updates the secret in place and records the new data" \
  bash -c "grep -q 'Resources: 0 added, 1 changed, 0 destroyed' '$last_log' && test \"\$(jq -r .data.client_secret '$CRD_STANDIN_DIR/kubernetes/secrets/jhub/hub-oauth.json')\" = rotated-XYZZY"
check "the rotated secret is not in the state" bash -c "! grep -q rotated-XYZZY '$work/tf/terraform.tfstate'"
check "the providers' debug log holds no secret value" \
  bash -c "grep -q 'provider.terraform-provider-kubernetes_v2.38.0' '$work/provider-debug.log' && ! grep -q -e rotated-XYZZY -e cookie-XYZZY -e 'PRIVATE KEY' '$work/provider-debug.log'"
opts=(-var replicas=3 -var secret_revision=2)

# 5c. import by namespace/name.
tf import1 state rm helm_release.hub
tf import2 import "${opts[@]}" helm_release.hub jhub/jupyterhub
check "helm_release imports by namespace/name, reading chart and version from the release" \
  bash -c "grep -q 'Import successful' '$last_log' && cd '$work/tf' && terraform state show -no-color helm_release.hub | grep -q 'chart *= \"jupyterhub\"'"
tf import3 apply -auto-approve "${opts[@]}"
check "apply after import converges (set entries re-applied in place)" grep -q 'Resources: 0 added, 1 changed, 0 destroyed' "$last_log"

# 6. a release uninstalled behind Terraform's back is planned again.
rm "$CRD_STANDIN_DIR/$release.json"
tf plan4 plan "${opts[@]}"
check "a deleted release record makes the plan propose create" \
  bash -c "grep -q 'helm_release.hub will be created' '$last_log' && grep -q 'Plan: 1 to add, 0 to change, 0 to destroy' '$last_log'"
tf apply4 apply -auto-approve "${opts[@]}"
check "apply re-creates the release at revision 1" test "$(record $release '.revision')" = 1

# 7. invalid YAML in values[1] fails the plan, naming it.
tf plan5 plan "${opts[@]}" -var 'override=hub: [unclosed'
check "invalid YAML in values[1] is an error naming values[1]" \
  bash -c "grep -q 'Failed Parsing Values' '$last_log' && grep -q 'values\[1\]' '$last_log'"

# 8. credentials: a certificate of another CA, a forged signature, a key of another certificate.
tf plan6 plan "${opts[@]}" -var client=stranger
check "a client certificate of another CA is refused, naming kubernetes.client_certificate (helm) and client_certificate" \
  bash -c "grep -q 'Client Certificate Not Issued By Cluster CA' '$last_log' && grep -q 'kubernetes.client_certificate' '$last_log' && grep -c 'Not Issued By Cluster CA' '$last_log' | grep -qx 2"
check "the refusal prints no key material" bash -c "! grep -q 'PRIVATE KEY' '$last_log'"
tf plan7 plan "${opts[@]}" -var client=forged
check "a certificate signed by another key under the CA's name fails signature verification" grep -q 'Client Certificate Signature Invalid' "$last_log"
tf plan8 plan "${opts[@]}" -var client=admin -var client_key=stranger
check "a client key of another certificate is refused" \
  bash -c "grep -q 'Client Key Does Not Match Certificate' '$last_log' && grep -q 'client_key' '$last_log' && ! grep -q 'PRIVATE KEY' '$last_log'"

# 9. ordering: a release in a namespace that does not exist fails like helm.
mkdir -p "$work/orphan" && cp -R "$work/tf/pki" "$work/orphan/"
sed -e '/^resource "kubernetes_namespace_v1"/,$d' "$work/tf/main.tf" >"$work/orphan/main.tf"
cat >>"$work/orphan/main.tf" <<'HCL'
resource "helm_release" "orphan" {
  name      = "orphan"
  namespace = "nowhere"
  chart     = "jupyterhub"
}
HCL
last_log="$work/orphan.log"
(cd "$work/orphan" && terraform init -no-color >/dev/null 2>&1 && terraform apply -auto-approve -no-color) >"$last_log" 2>&1
check "a release in a namespace nobody created fails with namespaces \"nowhere\" not found" \
  bash -c "grep -q 'namespaces \"nowhere\" not found' '$last_log' && ! test -e '$CRD_STANDIN_DIR/helm/releases/nowhere/orphan.json'"

check "terraform validate needs no record directory" \
  bash -c "cd '$work/orphan' && env -u CRD_STANDIN_DIR terraform validate -no-color | grep -q 'The configuration is valid'"
last_log="$work/no-dir.log"
(cd "$work/orphan" && env -u CRD_STANDIN_DIR terraform apply -auto-approve -no-color) >"$last_log" 2>&1
check "apply without CRD_STANDIN_DIR fails with a clear diagnostic" grep -q 'Stand-In Record Directory Not Set' "$last_log"

# 10. destroy removes every record.
tf destroy destroy -auto-approve "${opts[@]}"
check "destroy removes every record" \
  bash -c "grep -q 'Resources: 4 destroyed' '$last_log' && test -z \"\$(find '$CRD_STANDIN_DIR' -type f)\""

# 11. End to end (optional): the credentials crd_k8s_kubeconfig issues on crd-sim pass the
# stand-ins' checks, with the providers configured from the ephemeral resource.
repo=$(cd "$here/../.." && pwd)
crd="${CRD_PROVIDER_PATH:-$repo/provider/Crd.Provider/bin/Debug/net10.0/terraform-provider-crd}"
sim="$repo/simulator/Crd.Simulator/bin/Debug/net10.0/crd-sim"
if [[ ! -x "$crd" || ! -x "$sim" ]]; then
  echo "standins: end-to-end with crd_k8s_kubeconfig skipped: build provider/Crd.Provider and simulator/Crd.Simulator (or set CRD_PROVIDER_PATH) first"
  done_
fi
"$sim" up --data "$work/sim" --port 0 --instant >"$work/sim.log" 2>&1 &
sim_pid=$!
trap 'kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null; [[ "${STANDINS_KEEP:-0}" == 1 ]] && echo "kept $work" || rm -rf "$work"' EXIT
for _ in $(seq 1 300); do grep -q '^crd-sim ready' "$work/sim.log" && break; kill -0 "$sim_pid" 2>/dev/null || break; sleep 0.1; done
if ! grep -q '^crd-sim ready' "$work/sim.log"; then last_log="$work/sim.log"; not_ok "crd-sim starts"; done_; fi
# terraform-provider-crd through the same mirror (dev_overrides would make init look it up in the registry).
crd_dir="$work/mirror/registry.terraform.io/crd-cloud/crd/0.1.0/$(basename "$(dirname "$(find "$work/mirror/registry.terraform.io/hashicorp/helm" -name 'terraform-provider-helm_v3.1.2')")")"
mkdir -p "$crd_dir"
# Terraform runs the first file whose name starts with terraform-provider-crd, and the Debug build's
# .deps.json sorts before the _v0.1.0 apphost: the mirror holds only a launcher.
printf '#!/bin/sh\nexec "%s" "$@"\n' "$crd" >"$crd_dir/terraform-provider-crd_v0.1.0"
chmod +x "$crd_dir/terraform-provider-crd_v0.1.0"
sed -i 's|"registry.terraform.io/hashicorp/\*"\]|"registry.terraform.io/hashicorp/*", "registry.terraform.io/crd-cloud/*"]|' "$TF_CLI_CONFIG_FILE"
export CRD_STANDIN_DIR="$work/records-e2e"
mkdir -p "$work/e2e"
cp "$work/sim/provider.tf" "$work/e2e/provider.tf"
cat >"$work/e2e/main.tf" <<'HCL'
terraform {
  required_providers {
    crd        = { source = "crd-cloud/crd" }
    helm       = { source = "hashicorp/helm", version = "3.1.2" }
    kubernetes = { source = "hashicorp/kubernetes", version = "2.38.0" }
  }
}
data "crd_k8s_templates" "v130" {
  kube_version = "1.30"
}
resource "crd_k8s_cluster" "k" {
  name          = "hub"
  template      = data.crd_k8s_templates.v130.name
  master_flavor = "m1.small"
  worker_flavor = "m1.small"
  node_count    = 1
}
ephemeral "crd_k8s_kubeconfig" "kc" {
  cluster_id = crd_k8s_cluster.k.id
  site       = crd_k8s_cluster.k.site
}
provider "kubernetes" {
  host                   = ephemeral.crd_k8s_kubeconfig.kc.host
  cluster_ca_certificate = ephemeral.crd_k8s_kubeconfig.kc.ca_certificate
  client_certificate     = ephemeral.crd_k8s_kubeconfig.kc.client_certificate
  client_key             = ephemeral.crd_k8s_kubeconfig.kc.client_key
}
provider "helm" {
  kubernetes = {
    host                   = ephemeral.crd_k8s_kubeconfig.kc.host
    cluster_ca_certificate = ephemeral.crd_k8s_kubeconfig.kc.ca_certificate
    client_certificate     = ephemeral.crd_k8s_kubeconfig.kc.client_certificate
    client_key             = ephemeral.crd_k8s_kubeconfig.kc.client_key
  }
}
resource "kubernetes_namespace_v1" "hub" {
  metadata {
    name = "jhub"
  }
}
resource "helm_release" "hub" {
  name       = "jupyterhub"
  namespace  = kubernetes_namespace_v1.hub.metadata[0].name
  repository = "https://hub.jupyter.org/helm-chart/"
  chart      = "jupyterhub"
  version    = "4.2.0"
}
output "api" {
  value = crd_k8s_cluster.k.api_address
}
HCL
e2e() { last_log="$work/$1.log"; shift; (cd "$work/e2e" && terraform "$@" -no-color) >"$last_log" 2>&1; }
e2e e2e-init init
e2e e2e-apply apply -auto-approve
api=$(cd "$work/e2e" && terraform output -raw api 2>/dev/null)
check "crd_k8s_kubeconfig's certificate, key and CA from crd-sim pass both stand-ins' checks; the records carry the cluster's host" \
  bash -c "grep -q 'Apply complete! Resources: 3 added' '$last_log' && test -n '$api' \
    && test \"\$(jq -r .kubernetes_host '$CRD_STANDIN_DIR/helm/releases/jhub/jupyterhub.json') \$(jq -r .kubernetes_host '$CRD_STANDIN_DIR/kubernetes/namespaces/jhub.json')\" = '$api $api'"
e2e e2e-plan plan -detailed-exitcode
check "end to end: the plan after apply is empty" grep -q 'No changes.' "$last_log"
e2e e2e-destroy destroy -auto-approve
check "end to end: destroy removes the cluster and every record" \
  bash -c "grep -q 'Resources: 3 destroyed' '$last_log' && test -z \"\$(find '$CRD_STANDIN_DIR' -type f)\""

done_

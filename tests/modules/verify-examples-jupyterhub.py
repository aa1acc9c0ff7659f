"""After `terraform apply` of examples/jupyterhub on crd-sim with the stand-in helm and kubernetes
providers (tests/StandIns: they record what they were asked to deploy under $CRD_STANDIN_DIR; no
Kubernetes runs here): checks the chart, the rendered (merged) values, the OAuth secret and where
the secret did NOT go (chart values, state), and that both providers were configured with the API
address of the crd-sim cluster from the ephemeral kubeconfig (the stand-ins verify that the client
certificate is signed by the cluster CA and matches the key).
With --destroyed: the release, the secret, the namespace and the cluster are gone.
usage: verify-examples-jupyterhub.py <crd-sim url> <example dir> [--destroyed]"""
import json
import os
import pathlib
import subprocess
import sys
import urllib.request

sim, example = sys.argv[1], pathlib.Path(sys.argv[2])
destroyed = "--destroyed" in sys.argv[3:]
records = pathlib.Path(os.environ["CRD_STANDIN_DIR"])
secret_value = os.environ["TF_VAR_oidc_client_secret"]
release_file = records / "helm/releases/jupyterhub/jupyterhub.json"
secret_file = records / "kubernetes/secrets/jupyterhub/jupyterhub-oauth.json"
namespace_file = records / "kubernetes/namespaces/jupyterhub.json"
problems = []


def expect(condition, message):
    if not condition:
        problems.append(message)


def clusters():
    return json.load(urllib.request.urlopen(f"{sim}/_sim/objects/container-infra.clusters"))["container-infra.clusters"]


if destroyed:
    for f in (release_file, secret_file, namespace_file):
        expect(not f.exists(), f"{f.relative_to(records)} still recorded after destroy")
    expect(not clusters(), "a cluster is left in crd-sim's Magnum")
else:
    outputs = json.loads(subprocess.run(["terraform", "output", "-json", "-no-color"], cwd=example, check=True, capture_output=True, text=True).stdout)
    cluster = [c for c in clusters() if c.get("Id") == outputs["cluster_id"]["value"]]
    expect(len(cluster) == 1, f"the cluster {outputs['cluster_id']['value']} is in crd-sim")

    release = json.loads(release_file.read_text()) if release_file.exists() else {}
    expect(release, f"no helm release recorded at {release_file}")
    expect(release.get("chart") == "jupyterhub" and release.get("version") == "4.4.0", f"chart {release.get('chart')} {release.get('version')}")
    expect(release.get("repository") == "https://hub.jupyter.org/helm-chart/", f"repository {release.get('repository')}")
    values = release.get("merged_values", {})
    hub = values.get("hub", {})
    config = hub.get("config", {})
    expect(config.get("JupyterHub", {}).get("authenticator_class") == "generic-oauth", f"authenticator_class {config.get('JupyterHub')}")
    expect(config.get("Authenticator", {}).get("allow_all") is False, "allow_all must be false")
    expect(config.get("GenericOAuthenticator", {}).get("allowed_groups") == ["climate-lab"], f"allowed_groups {config.get('GenericOAuthenticator', {}).get('allowed_groups')}")
    expect(config.get("GenericOAuthenticator", {}).get("admin_groups") == ["climate-lab-admins"], "admin_groups")
    expect(config.get("GenericOAuthenticator", {}).get("oauth_callback_url") == outputs["oauth_callback_url"]["value"], "the callback URL in the values is the output's")
    expect(hub.get("extraEnv", {}).get("OAUTH_CLIENT_SECRET") == {"valueFrom": {"secretKeyRef": {"name": "jupyterhub-oauth", "key": "client-secret"}}}, f"OAUTH_CLIENT_SECRET env {hub.get('extraEnv')}")
    expect([p.get("slug") for p in values.get("singleuser", {}).get("profileList", [])] == ["standard", "large"], "profiles standard and large")
    expect(values.get("singleuser", {}).get("nodeSelector") == {"capi.stackhpc.com/node-group": "users"}, "users' servers on the users node group")
    expect(values.get("prePuller", {}).get("hook", {}).get("enabled") is False, "the hook pre-puller is off")
    expect(values.get("singleuser", {}).get("networkPolicy", {}).get("enabled") is True, "network policy on")
    expect(secret_value not in release_file.read_text(), "the client secret is in the helm release (values)!")

    secret = json.loads(secret_file.read_text()) if secret_file.exists() else {}
    expect(secret.get("data", {}).get("client-secret") == secret_value, "the Kubernetes secret holds the client secret")
    expect(namespace_file.exists(), "the namespace was created")

    api = outputs["kubernetes_api"]["value"]
    for name, record in (("helm release", release), ("secret", secret)):
        expect(api.startswith("https://") and record.get("kubernetes_host") == api,
               f"the {name} was deployed through {record.get('kubernetes_host')}, expected the cluster API {api}")

    state = (example / "terraform.tfstate").read_text()
    expect(secret_value not in state, "the client secret reached the state file")
    expect("PRIVATE KEY" not in state, "a private key reached the state file")

if problems:
    print("\n".join(problems))
    sys.exit(1)
print("jupyterhub example: chart, values, secret and cluster as promised" if not destroyed else "jupyterhub example: nothing left")

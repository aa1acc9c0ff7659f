# A portal project's quota on a site: <project uuid>/<site>
terraform import crd_quota.course_toulouse 3f2a9c0d5e7b4f1a8c6d2e9b0a4f7c1d/toulouse

# The quota of the credentials' own project: <OpenStack project id>/<site>
terraform import crd_quota.own_montpellier 9d6c5b4a3e2f1d0c3f1d2c9e0b8a4f7e/montpellier

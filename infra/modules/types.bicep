// Types shared by the modules.

@export()
@description('Tags put on every resource: azd-env-name (azd finds the environment by it) and workload.')
type ResourceTags = {
  *: string
}

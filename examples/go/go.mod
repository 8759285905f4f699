module lmg-go

go 1.24

require (
	github.com/pulumi-alicloud-live-message-groups/sdk/go v0.0.0-00010101000000-000000000000
	github.com/pulumi/pulumi/sdk/v3 v3.248.0
)

// `pulumi install` (or `pulumi package add <plugin dir>`) generates the SDK's module under
// sdks/live-message-groups, writes this directive and runs `go mod tidy`, which writes go.sum.
replace github.com/pulumi-alicloud-live-message-groups/sdk/go => ./sdks/live-message-groups

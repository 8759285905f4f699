module lmg-go

go 1.24

require (
	github.com/pulumi-alicloud-live-message-groups/sdk/go/livemessagegroups v0.1.0
	github.com/pulumi/pulumi/sdk/v3 v3.248.0
)

// `pulumi package add` generates the SDK under sdks/live-message-groups and prints this directive.
replace github.com/pulumi-alicloud-live-message-groups/sdk/go/livemessagegroups => ./sdks/live-message-groups

// Reads the groups of an interactive-messaging app from Go, through the provider plugin.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	lmg "github.com/pulumi-alicloud-live-message-groups/sdk/go/livemessagegroups"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		appID := config.Require(ctx, "appId")

		// The function: every page, filtered like an Alibaba Cloud data source.
		groups := lmg.LookupLiveMessageGroupsOutput(ctx, lmg.LookupLiveMessageGroupsOutputArgs{
			AppId:       pulumi.String(appID),
			GroupStatus: lmg.GroupStatusExisting,
			NameRegex:   pulumi.String("^room-"),
		})
		ctx.Export("roomIds", groups.Ids())
		ctx.Export("adminsByGroupId", groups.AdminsByGroupId())

		// The resource, for drift: `pulumi refresh --preview-only --expect-no-changes` fails when groups changed.
		// Detail "summary" (the default) stores the counts and the digest; "ids" adds Ids and DeletedIds.
		watched, err := lmg.NewLiveMessageGroups(ctx, "watched", &lmg.LiveMessageGroupsArgs{
			AppId:  pulumi.String(appID),
			Detail: lmg.DetailIds,
		})
		if err != nil {
			return err
		}
		ctx.Export("digest", watched.Digest)
		ctx.Export("deletedIds", watched.DeletedIds)
		return nil
	})
}

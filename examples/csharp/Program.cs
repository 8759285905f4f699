// Reads the groups of an interactive-messaging app from C#, through the provider plugin.
using System.Collections.Generic;
using Pulumi;
using Pulumi.AlicloudLiveMessageGroups;

return await Deployment.RunAsync(() =>
{
    var config = new Config();
    var appId = config.Require("appId");

    // The function: every page, filtered like an Alibaba Cloud data source.
    var groups = GetLiveMessageGroups.Invoke(new GetLiveMessageGroupsInvokeArgs
    {
        AppId = appId,
        GroupStatus = GroupStatus.Existing,
        NameRegex = "^room-",
    });

    // The resource, for drift: `pulumi refresh --preview-only --expect-no-changes` fails when groups changed.
    // Detail "summary" (the default) stores the counts and the digest; "ids" adds Ids and DeletedIds.
    var watched = new LiveMessageGroups("watched", new LiveMessageGroupsArgs { AppId = appId, Detail = Detail.Ids });

    return new Dictionary<string, object?>
    {
        ["roomIds"] = groups.Apply(result => result.Ids),
        ["adminsByGroupId"] = groups.Apply(result => result.AdminsByGroupId),
        ["digest"] = watched.Digest,
        ["deletedIds"] = watched.DeletedIds,
    };
});

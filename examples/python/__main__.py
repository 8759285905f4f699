"""Reads the groups of an interactive-messaging app from Python, through the provider plugin."""
import pulumi
import pulumi_live_message_groups as lmg

config = pulumi.Config()
app_id = config.require("appId")

# The function: every page, filtered like an Alibaba Cloud data source.
groups = lmg.get_live_message_groups_output(app_id=app_id, group_status=lmg.GroupStatus.EXISTING, name_regex="^room-")
pulumi.export("roomIds", groups.ids)
pulumi.export("adminsByGroupId", groups.admins_by_group_id)

# The resource, for drift: `pulumi refresh --preview-only --expect-no-changes` fails when groups changed.
# detail "summary" (the default) stores the counts and the digest; "ids" adds ids and deleted_ids.
watched = lmg.LiveMessageGroups("watched", app_id=app_id, detail=lmg.Detail.IDS)
pulumi.export("digest", watched.digest)
pulumi.export("deletedIds", watched.deleted_ids)

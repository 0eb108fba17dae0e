using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Flow.Cockpit.Live;
using Flow.Engine;
using Flow.Instances;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Flow.Cockpit.Api;

/// <summary>Instances: query with paging, one instance, start, complete, abort, migrate.</summary>
internal static class InstanceEndpoints
{
    public static void Map(RouteGroupBuilder read, RouteGroupBuilder operate)
    {
        read.MapGet("/instances", QueryAsync)
            .Produces<InstancePageView>().ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("QueryInstances").WithSummary("Instances by process key, deployment version, status and waiting node, ordered by id, one page at a time (page, or after the id in next).");
        read.MapGet("/instances/{id}", async (string id, FlowEngine engine, CancellationToken cancellationToken) =>
                await engine.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } snapshot ? TypedResults.Ok(View(snapshot)) : Problems.UnknownInstance(id))
            .Produces<InstanceView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetInstance").WithSummary("One instance with its tokens (waiting nodes), data and history (the path it took).");

        operate.MapPost("/processes/{key}/instances", StartAsync)
            .AcceptsJsonBody<JsonObject>()
            .Produces<InstanceView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("StartInstance").WithSummary("Starts an instance of the latest version (or ?version=) with the body as its data.");
        operate.MapPost("/instances/{id}/complete/{nodeId}", CompleteAsync)
            .AcceptsJsonBody<JsonObject>()
            .Produces<InstanceView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CompleteWaitState").WithSummary("Completes the wait state at nodeId with the body as its declared outputs.");
        operate.MapPost("/instances/{id}/abort", AbortAsync)
            .Produces<InstanceView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("AbortInstance").WithSummary("Aborts an instance that has not ended.");
        operate.MapPost("/instances/{id}/migrate", MigrateAsync)
            .AcceptsJsonBody<JsonObject>()
            .Produces<InstanceView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("MigrateInstance").WithSummary("Moves an instance to the latest version of its process; body {\"mapping\": {\"oldNode\": \"newNode\"}} is optional.");
    }

    private static async Task<IResult> QueryAsync(string? key, int? version, string? status, string? waitingAt, string? tenant, int? page, int? pageSize, string? after,
        FlowEngine engine, IOptions<CockpitOptions> options, CancellationToken cancellationToken)
    {
        InstanceStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<InstanceStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                return Problems.InvalidQuery($"status must be one of {string.Join(", ", Enum.GetNames<InstanceStatus>())}, not '{status}'.");
            }

            wanted = parsed;
        }

        var size = pageSize ?? 50;
        var largest = Math.Min(options.Value.MaxPageSize, InstancePages.PageSizeCeiling);
        if (size < 1 || size > largest)
        {
            return Problems.InvalidQuery($"pageSize must be between 1 and {largest}, not {size}.");
        }

        var number = page ?? 1;
        if (number < 1)
        {
            return Problems.InvalidQuery($"page counts from 1, not {number}.");
        }

        if (after is not null && page is not null)
        {
            return Problems.InvalidQuery("Give page or after, not both: after (the last id of the previous page, as in next) already says where the page starts.");
        }

        // In long: page 2,147,483,647 times 50 overflows an int to a negative skip, which served the first page.
        var skip = (long)(number - 1) * size;
        var filter = new InstanceQuery(key, DeploymentVersion: version, Status: wanted) { TenantId = tenant };
        var (rows, total, more) = await InstancePages.LoadAsync(engine, filter, waitingAt, skip, size, after, cancellationToken).ConfigureAwait(false);
        var items = rows.ConvertAll(r => Summary(r.Stored, r.Summary));
        // The jobs of the page's running instances: one waiting only at an async continuation or a timer shows where.
        for (var i = 0; i < items.Count; i++)
        {
            if (!items[i].Ended && await engine.JobWaitsAsync(items[i].Id, cancellationToken).ConfigureAwait(false) is { Count: > 0 } jobs)
            {
                items[i] = items[i] with { Jobs = jobs.Select(JobView.Of).ToList() };
            }
        }

        return TypedResults.Ok(new InstancePageView(total, number, size, items) { Next = more ? items[^1].Id : null });
    }

    private static async Task<IResult> StartAsync(string key, int? version, string? tenant, HttpRequest request, FlowEngine engine, CockpitTenants tenants, CockpitSignals signals, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadBytesAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        // With tenants the engine decides which deployment serves (the tenant's own, else the shared
        // one; without a tenant, an ambiguous key is FLOW6340), and its refusals become problems.
        var tenanted = tenant is not null || tenants.Current.Count > 0;
        if (!tenanted && (ProcessEndpoints.Find(engine.Registry, key, version) is null || !engine.Registry.Latest.ContainsKey(key) && version is null))
        {
            return Problems.UnknownProcess(key, version);
        }

        return await RunAsync(async () =>
        {
            // The bytes go to the process's data reader as they came: malformed data is the engine's FLOW6322.
            var started = await engine.StartAsync(key, JsonBody.OrEmptyObject(body), version, tenant, cancellationToken).ConfigureAwait(false);
            signals.Pulse();
            return TypedResults.Created($"instances/{Uri.EscapeDataString(started.Id)}", View(started));
        }).ConfigureAwait(false);
    }

    private static async Task<IResult> CompleteAsync(string id, string nodeId, HttpRequest request, FlowEngine engine, CockpitSignals signals, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadBytesAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (await engine.GetAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problems.UnknownInstance(id);
        }

        return await RunAsync(async () =>
        {
            // Blank bytes are no output; anything else is read by the node's output reader (FLOW6040 when refused).
            var completed = await engine.CompleteAsync(id, nodeId, body, cancellationToken).ConfigureAwait(false);
            signals.Pulse();
            return TypedResults.Ok(View(completed));
        }).ConfigureAwait(false);
    }

    private static async Task<IResult> AbortAsync(string id, FlowEngine engine, CockpitSignals signals, CancellationToken cancellationToken)
    {
        if (await engine.GetAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problems.UnknownInstance(id);
        }

        return await RunAsync(async () =>
        {
            if (!await engine.AbortAsync(id, cancellationToken).ConfigureAwait(false))
            {
                return Problems.Of(CockpitErrors.InstanceEnded, StatusCodes.Status409Conflict, $"The instance '{id}' has already ended; nothing was changed.");
            }

            signals.Pulse();
            return TypedResults.Ok(View((await engine.GetAsync(id, cancellationToken).ConfigureAwait(false))!));
        }).ConfigureAwait(false);
    }

    private static async Task<IResult> MigrateAsync(string id, HttpRequest request, FlowEngine engine, CockpitSignals signals, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        Dictionary<string, string>? mapping = null;
        if (body!["mapping"] is { } node)
        {
            if (node is not JsonObject map || map.Any(p => p.Value is not JsonValue v || !v.TryGetValue(out string? _)))
            {
                return JsonBody.Malformed("mapping must be an object of node ids: {\"mapping\": {\"oldNode\": \"newNode\"}}.");
            }

            mapping = map.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
        }

        if (await engine.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return Problems.UnknownInstance(id);
        }

        if (current.Status is InstanceStatus.Completed or InstanceStatus.Aborted)
        {
            return Problems.Of(CockpitErrors.InstanceEnded, StatusCodes.Status409Conflict, $"The instance '{id}' has already ended; nothing was changed.");
        }

        return await RunAsync(async () =>
        {
            try
            {
                var migrated = await engine.MigrateAsync(id, mapping, cancellationToken).ConfigureAwait(false);
                signals.Pulse();
                return TypedResults.Ok(View(migrated));
            }
            catch (InvalidOperationException e) when (Problems.FromRuntime(e) is null)
            {
                // A token or the data does not fit the latest version: the engine left the instance as it was.
                return Problems.Of(CockpitErrors.NotMigratable, StatusCodes.Status409Conflict, e.Message + " The instance was left as it was.");
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Runs a command; a refusal of the runtime becomes a problem with its FLOW id (the runtime saved nothing).</summary>
    private static async Task<IResult> RunAsync(Func<Task<IResult>> command)
    {
        try
        {
            return await command().ConfigureAwait(false);
        }
        catch (Exception e) when (Problems.FromRuntime(e) is not null)
        {
            return Problems.FromRuntime(e)!;
        }
    }

    private static InstanceSummaryView Summary(StoredInstance stored, InstanceSnapshot summary) =>
        new(stored.Id, stored.ProcessKey, stored.DeploymentName, stored.DeploymentVersion, stored.Status.ToString(), stored.Ended, summary.WaitingAt, summary.Failure?.NodeId, stored.TenantId);

    public static InstanceView View(InstanceSnapshot snapshot) =>
        new(snapshot.Id, snapshot.ProcessKey, snapshot.DeploymentName, snapshot.DeploymentVersion, snapshot.Status.ToString(),
            snapshot.WaitingAt, JsonNode.Parse(snapshot.DataJson), snapshot.Trace,
            snapshot.Failure is { } f ? new FailureView(f.NodeId, f.Kind, f.Message) : null, snapshot.TenantId,
            snapshot.Jobs.Count == 0 ? null : snapshot.Jobs.Select(JobView.Of).ToList());
}

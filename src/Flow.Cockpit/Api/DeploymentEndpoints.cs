using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flow.Cockpit.Live;
using Flow.Deployment;
using Flow.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Flow.Cockpit.Api;

/// <summary>Deployments: list, versions, timeline, rollback, undeploy, events.</summary>
internal static class DeploymentEndpoints
{
    public static void Map(RouteGroupBuilder read, RouteGroupBuilder operate)
    {
        read.MapGet("/deployments", (FlowEngine engine) => TypedResults.Ok(Views(engine.Registry)))
            .WithName("ListDeployments").WithSummary("Every deployment name with its registered versions.");
        read.MapGet("/deployments/{name}", (string name, FlowEngine engine) =>
                Views(engine.Registry).FirstOrDefault(d => d.Name == name) is { } view ? TypedResults.Ok(view) : Problems.UnknownDeployment(name))
            .Produces<DeploymentView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetDeployment").WithSummary("One deployment's versions, newest first.");
        read.MapGet("/deployments/{name}/history", (string name, FlowEngine engine, CockpitJournal journal) =>
                Known(engine.Registry, name) ? TypedResults.Ok(new DeploymentHistoryView(name, journal.Since(0, name))) : Problems.UnknownDeployment(name))
            .Produces<DeploymentHistoryView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetDeploymentHistory").WithSummary("Activations, rollbacks, failures, unloads and undeploys of one deployment.");
        read.MapGet("/events", (long? after, CockpitJournal journal) => TypedResults.Ok(journal.Since(after ?? 0)))
            .WithName("ListDeploymentEvents").WithSummary("Deployment events after a sequence number, with the FLOW id of each failure.");

        operate.MapPost("/deployments/{name}/rollback", RollbackAsync)
            .AcceptsJsonBody<VersionRequest>()
            .Produces<DeploymentView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("RollbackDeployment").WithSummary("Makes an earlier version live again (a new activation).");
        operate.MapPost("/deployments/{name}/undeploy", UndeployAsync)
            .Produces<DeploymentView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("UndeployDeployment").WithSummary("Stops the name's keys resolving; instances finish on their version unless deleteUponUndeploy.");
    }

    private static async Task<IResult> RollbackAsync(string name, HttpRequest request, FlowEngine engine, CockpitSignals signals, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (body!["version"] is not System.Text.Json.Nodes.JsonValue value || !value.TryGetValue(out int version))
        {
            return JsonBody.Malformed("The body must be {\"version\": <number>}.");
        }

        if (!engine.Registry.Versions.Any(v => v.Name == name && v.Version == version))
        {
            return Known(engine.Registry, name) ? Problems.UnknownDeployment(name, version) : Problems.UnknownDeployment(name);
        }

        try
        {
            await engine.RollbackAsync(name, version, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Problems.FromRuntime(e) is not null)
        {
            return Problems.FromRuntime(e)!;
        }

        signals.Pulse();
        return TypedResults.Ok(Views(engine.Registry).First(d => d.Name == name));
    }

    private static async Task<IResult> UndeployAsync(string name, FlowEngine engine, CockpitSignals signals, CancellationToken cancellationToken)
    {
        if (!Known(engine.Registry, name))
        {
            return Problems.UnknownDeployment(name);
        }

        try
        {
            await engine.UndeployAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Problems.FromRuntime(e) is not null)
        {
            return Problems.FromRuntime(e)!;
        }

        signals.Pulse();
        return TypedResults.Ok(Views(engine.Registry).First(d => d.Name == name));
    }

    public static bool Known(DeploymentRegistry registry, string name) => registry.Versions.Any(v => v.Name == name);

    public static IReadOnlyList<DeploymentView> Views(DeploymentRegistry registry)
    {
        var latest = registry.Latest;
        return registry.Versions
            .GroupBy(v => v.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var versions = g.OrderByDescending(v => v.Version).Select(v => new DeploymentVersionView(
                    v.Name, v.Version, v.Processes.Select(p => p.Key).ToList(), v.Activation,
                    latest.Values.Any(l => ReferenceEquals(l, v) || (l.Name == v.Name && l.Version == v.Version)),
                    v.IsUnloaded, v.Users, registry.IsResumed(v.Name, v.Version))).ToList();
                return new DeploymentView(g.Key, versions.FirstOrDefault(v => v.Live)?.Version, versions);
            })
            .ToList();
    }
}

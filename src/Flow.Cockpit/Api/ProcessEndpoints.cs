using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flow.Deployment;
using Flow.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Flow.Cockpit.Api;

/// <summary>Processes: keys and versions, a version's BPMN text, waiting counts per node.</summary>
internal static class ProcessEndpoints
{
    public static void Map(RouteGroupBuilder read)
    {
        read.MapGet("/processes", (FlowEngine engine) => TypedResults.Ok(Views(engine.Registry)))
            .WithName("ListProcesses").WithSummary("Every process key with its versions and the latest one.");
        read.MapGet("/processes/{key}", (string key, int? version, FlowEngine engine) =>
            {
                var view = Views(engine.Registry).FirstOrDefault(p => p.Key == key);
                if (view is null)
                {
                    return Problems.UnknownProcess(key);
                }

                var chosen = Find(engine.Registry, key, version);
                if (chosen is null)
                {
                    return Problems.UnknownProcess(key, version);
                }

                var process = chosen.Processes.First(p => p.Key == key);
                return TypedResults.Ok(new ProcessDefinitionView(key, process.Name, chosen.Name, chosen.Version, process.Version, chosen.ReadDiagram(key), view.Versions));
            })
            .Produces<ProcessDefinitionView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetProcess").WithSummary("One version of a process (the latest unless ?version= names a deployment version) with its BPMN XML.");
        read.MapGet("/processes/{key}/diagram", (string key, int? version, FlowEngine engine, HttpContext http) =>
            {
                var chosen = Find(engine.Registry, key, version);
                if (chosen is null)
                {
                    return Problems.UnknownProcess(key, version);
                }

                if (chosen.ReadDiagram(key) is not { } xml)
                {
                    return Problems.Of(CockpitErrors.DiagramUnavailable, StatusCodes.Status404NotFound,
                        $"{chosen} does not carry the BPMN text of '{key}' (a built deployment folder lists only assemblies).");
                }

                // A browser that opens this address renders the XML, and runs a <script> in the XHTML
                // namespace the diagram may carry (in its extension elements) with the cockpit's
                // origin: the deployed text must never act as a page of the cockpit.
                http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
                http.Response.Headers.XContentTypeOptions = "nosniff";
                return TypedResults.Text(xml, "application/xml");
            })
            .Produces<string>(StatusCodes.Status200OK, "application/xml").ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetProcessDiagram").WithSummary("The BPMN XML of one version of a process.");
        read.MapGet("/processes/{key}/tokens", async (string key, int? version, FlowEngine engine, CancellationToken cancellationToken) =>
            {
                if (Find(engine.Registry, key, version) is null)
                {
                    return Problems.UnknownProcess(key, version);
                }

                var counts = await engine.CountTokensAsync(key, version, cancellationToken).ConfigureAwait(false);
                return TypedResults.Ok(new TokenCountsView(key, version, counts));
            })
            .Produces<TokenCountsView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetTokenCounts").WithSummary("Instances waiting and failed per node (per deployment version), aggregated on the server.");
        read.MapGet("/processes/{key}/diff", (string key, int? version, int? against, FlowEngine engine) => Diff(key, version, against, engine))
            .Produces<DiffView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetProcessDiff").WithSummary("Elements added, removed and changed in ?version= (latest by default) against ?against=, from the two BPMN texts.");
    }

    private static IResult Diff(string key, int? version, int? against, FlowEngine engine)
    {
        if (against is null)
        {
            return Problems.InvalidQuery("Name the version to compare with: ?against=<deployment version>.");
        }

        var shown = Find(engine.Registry, key, version);
        var other = Find(engine.Registry, key, against);
        if (shown is null || other is null)
        {
            return Problems.UnknownProcess(key, shown is null ? version : against);
        }

        var missing = shown.ReadDiagram(key) is null ? shown : other.ReadDiagram(key) is null ? other : null;
        if (missing is not null)
        {
            return Problems.Of(CockpitErrors.DiagramUnavailable, StatusCodes.Status404NotFound, $"{missing} does not carry the BPMN text of '{key}', so there is nothing to compare.");
        }

        try
        {
            var (added, removed, changed) = Deploy.DefinitionDiff.Compare(other.ReadDiagram(key)!, shown.ReadDiagram(key)!, key);
            return TypedResults.Ok(new DiffView(key, shown.Version, other.Version, added, removed, changed));
        }
        catch (System.Xml.XmlException e)
        {
            return Problems.Of(CockpitErrors.DiagramUnavailable, StatusCodes.Status404NotFound, $"The BPMN text of '{key}' cannot be compared: {e.Message}");
        }
    }

    /// <summary>The version of <paramref name="key"/> that is latest, or the registered one with deployment version <paramref name="version"/>.</summary>
    public static DeployedVersion? Find(DeploymentRegistry registry, string key, int? version)
    {
        if (version is null)
        {
            return registry.Latest.TryGetValue(key, out var latest) ? latest
                : registry.Versions.Where(v => Defines(v, key)).OrderByDescending(v => v.Activation).FirstOrDefault();
        }

        return registry.Versions.Where(v => v.Version == version && Defines(v, key)).OrderByDescending(v => v.Activation).FirstOrDefault();
    }

    public static bool Defines(DeployedVersion version, string key) => version.Processes.Any(p => p.Key == key);

    public static IReadOnlyList<ProcessView> Views(DeploymentRegistry registry)
    {
        var latest = registry.Latest;
        var rows = new List<(string Key, string? Name, ProcessVersionView Version)>();
        foreach (var version in registry.Versions)
        {
            foreach (var process in version.Processes)
            {
                var isLatest = latest.TryGetValue(process.Key, out var l) && l.Name == version.Name && l.Version == version.Version;
                var hasDiagram = !string.IsNullOrEmpty(process.File) && version.Manifest.Files.Any(f => f.Path.Replace('\\', '/') == process.File!.Replace('\\', '/'));
                rows.Add((process.Key, process.Name, new ProcessVersionView(version.Name, version.Version, process.Version, isLatest, hasDiagram)));
            }
        }

        return rows.GroupBy(r => r.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var versions = g.Select(r => r.Version).OrderByDescending(v => v.DeploymentVersion).ToList();
                return new ProcessView(g.Key, g.Select(r => r.Name).FirstOrDefault(n => n is not null), versions.FirstOrDefault(v => v.Latest), versions);
            })
            .ToList();
    }
}

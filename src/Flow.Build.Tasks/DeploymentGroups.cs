using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Flow.Build.Tasks.Diagnostics;

namespace Flow.Build.Tasks;

/// <summary>A project's .bpmn item: its path and the deployment its FlowDeployment metadata names (null: none).</summary>
public sealed record DiagramItem(string FullPath, string? Deployment);

/// <summary>One named deployment of a project: its name and the diagrams whose processes it holds.</summary>
public sealed record DeploymentGroup(string Name, bool IsDefault, IReadOnlyList<string> DiagramPaths)
{
    /// <summary>The file names of its diagrams (what a process's [FlowProcess] source file is compared with).</summary>
    public IReadOnlyCollection<string> FileNames => DiagramPaths.Select(Path.GetFileName).Distinct(StringComparer.OrdinalIgnoreCase).ToArray()!;
}

/// <summary>
/// Several deployments from one project (Camunda's several process archives, and its
/// <c>isScanForProcessDefinitions</c>): a diagram's <c>FlowDeployment</c> metadata names the
/// deployment it belongs to; diagrams without it belong to the project's deployment
/// (<c>FlowDeploymentName</c>) while scanning, and to none when scanning is off.
/// </summary>
public static class DeploymentGroups
{
    public static IReadOnlyList<DeploymentGroup> Of(IReadOnlyList<DiagramItem> diagrams, string defaultName, bool scan)
    {
        foreach (var diagram in diagrams.Where(d => d.Deployment is not null && !IsValidName(d.Deployment)))
        {
            throw new FlowBuildException(TaskDiagnostics.InvalidDeploymentGroup, diagram.FullPath, diagram.FullPath, diagram.Deployment!);
        }

        if (!scan && diagrams.All(d => d.Deployment is null))
        {
            throw new FlowBuildException(TaskDiagnostics.NoDiagramListed, null, diagrams.Count);
        }

        return diagrams
            .Where(d => d.Deployment is not null || scan)
            .GroupBy(d => d.Deployment ?? defaultName, StringComparer.Ordinal)
            .Select(g => new DeploymentGroup(g.Key, g.Key == defaultName, g.Select(d => d.FullPath).ToArray()))
            .OrderBy(g => g.IsDefault ? 0 : 1).ThenBy(g => g.Name, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Whether the project writes one deployment, of its own name, from every diagram: the folder layout of a project without groups.</summary>
    public static bool IsSingleScanned(IReadOnlyList<DeploymentGroup> groups, IReadOnlyList<DiagramItem> diagrams) =>
        groups.Count == 1 && groups[0].IsDefault && groups[0].DiagramPaths.Count == diagrams.Count;

    private static bool IsValidName(string name) =>
        name.Length > 0 && name != "." && name != ".." && name.All(c => c < 128 && (char.IsLetterOrDigit(c) || c is '.' or '-' or '_'));
}

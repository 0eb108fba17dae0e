using System;
using System.Threading;
using System.Threading.Tasks;
using Flow.Deployment;

namespace Flow.Cockpit;

/// <summary>Options of <see cref="CockpitServiceCollectionExtensions.AddFlowCockpit"/>.</summary>
public sealed class CockpitOptions
{
    /// <summary>
    /// The authorization policy every read endpoint (and the page) requires. Outside Development
    /// it must be set, together with <see cref="OperatorPolicy"/>, or mapping the cockpit fails
    /// with FLOW6400; in Development, null leaves the cockpit open (anonymous reader and operator).
    /// </summary>
    public string? ReaderPolicy { get; set; }

    /// <summary>
    /// The authorization policy every changing endpoint (start, complete, abort, migrate, rollback,
    /// undeploy) requires, in addition to <see cref="ReaderPolicy"/>. Name a stricter policy than
    /// the reader's: the page shows its buttons only to users who pass it.
    /// </summary>
    public string? OperatorPolicy { get; set; }

    /// <summary>How many deployment events the cockpit keeps for the timeline (default 500; older ones are dropped).</summary>
    public int EventHistory { get; set; } = 500;

    /// <summary>The most instances one query page returns (default 200).</summary>
    public int MaxPageSize { get; set; } = 200;

    /// <summary>
    /// How often a live stream recomputes the waiting counts it shows when nothing told it of a
    /// change (changes made through the cockpit and deployment events push at once). Default 2 s.
    /// </summary>
    public TimeSpan LiveRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The default of <see cref="MaxRequestBodyBytes"/>: 1 MiB.</summary>
    public const long DefaultMaxRequestBodyBytes = 1L << 20;

    /// <summary>
    /// The largest JSON request body an endpoint reads (start data, outputs, a message, a
    /// migration or rollback; default 1 MiB): a larger one is refused with FLOW6323 (413) before
    /// it is read whole, and nothing changes. Uploads have their own <see cref="MaxUploadBytes"/>.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>
    /// The largest deployment an operator may upload (default 32 MiB): the request body, and for a
    /// zip package also the sum of its unpacked entries (FLOW6410 otherwise).
    /// </summary>
    public long MaxUploadBytes { get; set; } = 32L << 20;

    /// <summary>
    /// The one folder under which operators may deploy folders by name (<c>POST api/deployments/folder</c>).
    /// Null (default): folder deployment is off. A request names a folder relative to this root;
    /// absolute paths, <c>..</c>, and links that leave it are refused with FLOW6413.
    /// </summary>
    public string? DeploymentRoot { get; set; }

    /// <summary>
    /// Compiles and deploys uploaded BPMN text (a host with Flow.Runtime.Compilation sets it to its
    /// <c>ContentDeployer</c>). Null (default): only built packages can be uploaded, and BPMN text
    /// is FLOW6412. An exception with a string <c>Id</c> (and <c>Diagnostics</c>) becomes a
    /// problem with that id and those diagnostics.
    /// </summary>
    public Func<IServiceProvider, BpmnUpload, CancellationToken, Task<DeployedVersion>>? DeployBpmn { get; set; }
}

/// <summary>BPMN text an operator uploaded: deploy it under <paramref name="Key"/> (its deployment name too), for <paramref name="TenantId"/> when given.</summary>
public sealed record BpmnUpload(string Key, string Text, string? TenantId);

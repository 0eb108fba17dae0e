using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Flow.Deployment;
using Flow.Deployment.Storage;
using Microsoft.CodeAnalysis;

namespace Flow.Compilation;

/// <summary>
/// Deploys diagrams from their text, as CompileFlow's <c>deploy(fromContent(code, xml))</c> does:
/// compiles each with the build's compiler into an in-memory flow assembly and deploys it through
/// <see cref="DeploymentRegistry"/> as a stored deployment (the assembly and the diagram's text,
/// with their hashes), so it gets everything a built deployment gets: versions, Camunda's rule
/// that identical text deploys nothing new, instance strategies, the handler-binding check and
/// health check before it goes live, deployment events, rollback, a deployment store, unloading.
/// A diagram that does not compile, or a deployment that is refused, changes nothing that is live.
/// </summary>
public sealed partial class ContentDeployer
{
    private const string BpmnSuffix = ".bpmn";

    private readonly DeploymentRegistry _registry;
    private readonly ContentDeployerOptions _options;
    private readonly Lazy<ContentCompiler> _compiler;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The last stored deployment made per deployment name, with its text's hash: identical text is submitted again without compiling.</summary>
    private readonly Dictionary<string, (string TextHash, StoredDeployment Deployment)> _last = new(StringComparer.Ordinal);

    /// <summary>Creates a deployer over <paramref name="registry"/>.</summary>
    public ContentDeployer(DeploymentRegistry registry, ContentDeployerOptions? options = null)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _options = options ?? new ContentDeployerOptions();
        _compiler = new Lazy<ContentCompiler>(() => new ContentCompiler(ContentReferences.For(_options.FrameworkAssemblies, _options.SharedAssemblies), _options.Namespace));
        _registry.UnsignedDeploymentVerifier ??= VouchForContent;
    }

    /// <summary>A diagram was compiled and serves (or was identical to what serves).</summary>
    public event Action<CompilationCompleted>? CompilationCompleted;

    /// <summary>A diagram was refused, with every diagnostic at its line and column; what was live stays live.</summary>
    public event Action<CompilationFailed>? CompilationFailed;

    /// <summary>Compiles and deploys one diagram's text under <paramref name="key"/>.</summary>
    public Task<DeployedVersion> DeployAsync(string key, string text, CancellationToken cancellationToken = default) =>
        DeployAsync(new BpmnContent(key, text), cancellationToken);

    /// <summary>Compiles and deploys one diagram.</summary>
    public async Task<DeployedVersion> DeployAsync(BpmnContent content, CancellationToken cancellationToken = default) =>
        (await DeployAllAsync(new[] { content }, cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Compiles and deploys a <c>.bpmn</c> file; its key is the file name without <c>.bpmn</c> (or <c>.bpmn20.xml</c>); its signature, if any, is the file beside it named as it with <c>.sig</c> added.</summary>
    public async Task<DeployedVersion> DeployFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        var signature = File.Exists(path + SignatureSuffix) ? await File.ReadAllTextAsync(path + SignatureSuffix, cancellationToken).ConfigureAwait(false) : null;
        return await DeployAsync(new BpmnContent(KeyOfFile(path), text) { Origin = path, Signature = signature }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Compiles and deploys several diagrams, all or none: every one is compiled first, and one
    /// that does not compile refuses the batch (a <see cref="CompilationFailed"/> event for each
    /// bad member) before anything is deployed; then the registry deploys them all or none.
    /// </summary>
    public async Task<IReadOnlyList<DeployedVersion>> DeployAllAsync(IReadOnlyList<BpmnContent> batch, CancellationToken cancellationToken = default)
    {
        if (batch is null || batch.Count == 0)
        {
            throw new ArgumentException("Give at least one diagram.", nameof(batch));
        }

        var clock = Stopwatch.StartNew();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var prepared = new List<(BpmnContent Content, string TextHash, StoredDeployment Deployment, IReadOnlyList<ContentDiagnostic> Warnings)>();
            foreach (var content in batch)
            {
                Check(content);
            }

            // Signatures first: one unsigned or wrongly signed member refuses the batch before anything compiles.
            var failures = SignatureFailures(batch);
            var versions = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var content in failures.Count > 0 ? Enumerable.Empty<BpmnContent>() : batch)
            {
                try
                {
                    prepared.Add(await PrepareAsync(content, versions, cancellationToken).ConfigureAwait(false));
                }
                catch (ContentCompilationException ex)
                {
                    failures.Add((content, ex));
                }
            }

            if (failures.Count > 0)
            {
                foreach (var (content, error) in failures)
                {
                    Report(content, clock.Elapsed, error);
                }

                var refusedOthers = batch.Count > failures.Count ? $" ({batch.Count - failures.Count} other diagram(s) of the batch were not deployed either)" : "";
                var ids = failures.Select(f => ((ContentCompilationException)f.Error).Id).Distinct().ToList();
                throw failures.Count == 1
                    ? failures[0].Error
                    : new ContentCompilationException(
                        ids.Count == 1 ? ids[0] : CompilationErrors.CompilationFailed,
                        $"{failures.Count} diagrams of the batch were refused{refusedOthers}: " + string.Join(" ", failures.Select(f => f.Error.Message)),
                        failures.SelectMany(f => ((ContentCompilationException)f.Error).Diagnostics).ToList());
            }

            var liveBefore = prepared.Select(p => LiveVersion(p.Content.Name)).ToList();
            IReadOnlyList<DeployedVersion> deployed;
            using var vouching = Vouching(prepared.Select(p => p.Deployment));
            try
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        deployed = await _registry.DeployAllAsync(prepared.Select(p => p.Deployment).ToList(), cancellationToken).ConfigureAwait(false);
                        break;
                    }
                    catch (FlowDeploymentException ex) when (ex.Id is "FLOW6007" or "FLOW6143")
                    {
                        if (attempt == MaxVersionAttempts)
                        {
                            throw VersionTaken(prepared.Select(p => p.Deployment).ToList(), attempt, ex);
                        }

                        // Another deployer (on this registry or another node of the store) took the
                        // version meanwhile: the compiled bytes stay, only the number moves on.
                        var renumbered = new Dictionary<string, int>(StringComparer.Ordinal);
                        prepared = prepared.Select(p => (p.Content, p.TextHash, Renumber(p.Deployment, renumbered), p.Warnings)).ToList();
                    }
                }
            }
            catch (Exception ex) when (ex is FlowDeploymentException)
            {
                foreach (var item in prepared)
                {
                    Report(item.Content, clock.Elapsed, ex);
                }

                throw;
            }

            for (var i = 0; i < prepared.Count; i++)
            {
                var item = prepared[i];
                var unchanged = liveBefore[i] == deployed[i].Version;
                if (!unchanged)
                {
                    _last[item.Content.Name] = (item.TextHash, item.Deployment);
                }

                CompilationCompleted?.Invoke(new CompilationCompleted(item.Content.Key, item.Content.Name, deployed[i].Version, clock.Elapsed, unchanged, item.Warnings));
            }

            return deployed;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Deploys whatever <paramref name="provider"/> yields until <paramref name="cancellationToken"/>
    /// is cancelled. A diagram that is refused is reported (<see cref="CompilationFailed"/>) and
    /// watching goes on: one bad source never stops the deployer.
    /// </summary>
    public async Task RunAsync(IContentProvider provider, CancellationToken cancellationToken)
    {
        if (provider is null)
        {
            throw new ArgumentNullException(nameof(provider));
        }

        try
        {
            await foreach (var content in provider.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await DeployAsync(content, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is ContentCompilationException or FlowDeploymentException)
                {
                    // reported by CompilationFailed already
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Report(content, TimeSpan.Zero, ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The key of a diagram file: its name without <c>.bpmn</c> or <c>.bpmn20.xml</c>.</summary>
    public static string KeyOfFile(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var suffix in new[] { ".bpmn20.xml", BpmnSuffix })
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return name.Substring(0, name.Length - suffix.Length);
            }
        }

        return Path.GetFileNameWithoutExtension(name);
    }

    /// <summary>
    /// Compiles one diagram into a stored deployment with the next version of its name, or gives
    /// the last one made again when the text is identical (the registry then reports it unchanged
    /// without loading anything).
    /// </summary>
    private async Task<(BpmnContent, string, StoredDeployment, IReadOnlyList<ContentDiagnostic>)> PrepareAsync(BpmnContent content, Dictionary<string, int> versions, CancellationToken cancellationToken)
    {
        var textBytes = Encoding.UTF8.GetBytes(content.Text);
        var textHash = Sha256(textBytes);
        var identity = content.Signature is null ? textHash : textHash + ":" + Sha256(Encoding.UTF8.GetBytes(content.Signature));
        if (_last.TryGetValue(content.Name, out var last) && last.TextHash == identity)
        {
            return (content, identity, last.Deployment, Array.Empty<ContentDiagnostic>());
        }

        var compiled = await CompileAsync(content, cancellationToken).ConfigureAwait(false);
        var version = versions.TryGetValue(content.Name, out var taken) ? taken + 1 : NextVersion(content.Name);
        versions[content.Name] = version;
        var assemblyFile = compiled.AssemblyName + ".dll";
        var textFile = content.Key + BpmnSuffix;
        var manifest = new DeploymentManifest
        {
            SchemaVersion = DeploymentManifest.SupportedSchemaVersion,
            Name = content.Name,
            Version = version,
            Assembly = assemblyFile,
            Processes = compiled.Processes.Select(p => { p.Version = version; return p; }).ToList(),
            Files =
            {
                new ManifestFile { Path = assemblyFile, Size = compiled.Assembly.Length, Sha256 = Sha256(compiled.Assembly) },
                new ManifestFile { Path = textFile, Size = textBytes.Length, Sha256 = textHash },
            },
            Settings = _options.Settings,
        };
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [assemblyFile] = compiled.Assembly, [textFile] = textBytes };
        AddSignature(content, textFile, manifest, files);
        return (content, identity, new StoredDeployment(content.Name, version, JsonSerializer.Serialize(manifest), files), compiled.Warnings);
    }

    private async Task<CompiledContent> CompileAsync(BpmnContent content, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_options.CompileTimeout);
        try
        {
            return await Task.Run(() => _compiler.Value.Compile(content, limit.Token), limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ContentCompilationException(
                CompilationErrors.Timeout,
                $"The diagram '{content.Key}' did not compile within {_options.CompileTimeout.TotalSeconds:0.###} s and was not deployed; what is live stays live.",
                Array.Empty<ContentDiagnostic>(),
                ex);
        }
    }

    /// <summary>The version of <paramref name="name"/> that serves now, or null.</summary>
    private int? LiveVersion(string name) =>
        _registry.Latest.Values.Where(v => v.Name == name).Select(v => (int?)v.Version).DefaultIfEmpty(null).Max();

    /// <summary>
    /// The same compiled deployment under the next free version: one more than the registry's
    /// highest and than the version that was refused (a store can know a version this node has
    /// not applied yet).
    /// </summary>
    private StoredDeployment Renumber(StoredDeployment deployment, Dictionary<string, int> versions)
    {
        var manifest = JsonSerializer.Deserialize<DeploymentManifest>(deployment.ManifestJson)!;
        var version = Math.Max(versions.TryGetValue(manifest.Name, out var taken) ? taken + 1 : NextVersion(manifest.Name), deployment.Version + 1);
        versions[manifest.Name] = version;
        manifest.Version = version;
        foreach (var process in manifest.Processes)
        {
            process.Version = version;
        }

        return deployment with { Version = version, ManifestJson = JsonSerializer.Serialize(manifest) };
    }

    /// <summary>
    /// FLOW6152: the version numbers this deployer gave kept being taken by other deployers; said
    /// for content (FLOW6007's and FLOW6143's advice is about builds and lock files).
    /// </summary>
    private static FlowDeploymentException VersionTaken(IReadOnlyList<StoredDeployment> deployments, int attempts, FlowDeploymentException last) =>
        new(
            CompilationErrors.VersionTaken,
            $"Deployment {string.Join(", ", deployments.Select(d => $"'{d.Name}' (last numbered version {d.Version})"))}: another deployer (on this registry or another node of the deployment store) took the version this content deployer numbered ({attempts} attempt(s)); nothing was deployed and what is live stays live. "
            + "Submit the content again (it is numbered from the versions known then); if it keeps happening, let one deployer change this deployment at a time.",
            last);

    /// <summary>One more than the highest version of <paramref name="name"/> the registry knows (its history or the store's log).</summary>
    private int NextVersion(string name) =>
        _registry.Versions.Where(v => v.Name == name).Select(v => v.Version).DefaultIfEmpty(0).Max() + 1;

    private void Report(BpmnContent content, TimeSpan elapsed, Exception error) =>
        CompilationFailed?.Invoke(new CompilationFailed(
            content.Key,
            content.Name,
            elapsed,
            (error as ContentCompilationException)?.Diagnostics ?? Array.Empty<ContentDiagnostic>(),
            error));

    /// <summary>How often a deployment whose version another deployer took is numbered again before the refusal stands.</summary>
    private const int MaxVersionAttempts = 4;

    private static void Check(BpmnContent content)
    {
        if (content is null || string.IsNullOrWhiteSpace(content.Key) || content.Key.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || content.Key.Contains('/') || content.Key.Contains('\\'))
        {
            throw new ArgumentException($"A diagram's key must be a file-name-safe, non-empty name ('{content?.Key}').", nameof(content));
        }

        if (content.Text is null)
        {
            throw new ArgumentException($"The diagram '{content.Key}' has no text.", nameof(content));
        }
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
}

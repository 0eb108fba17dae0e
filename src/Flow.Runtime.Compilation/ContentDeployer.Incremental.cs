using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Flow.Deployment;
using Flow.Deployment.Storage;

namespace Flow.Compilation;

/// <summary>
/// Incremental deployments (issue 16; Camunda's "deploy the previous deployment's resources plus
/// changed ones", <c>addDeploymentResourcesByName</c>): a deployment of several diagrams whose new
/// version is the previous version's diagrams with some replaced or added.
/// </summary>
public sealed partial class ContentDeployer
{
    /// <summary>
    /// Deploys the diagrams of the latest registered version of <paramref name="deploymentName"/>
    /// (of <paramref name="tenantId"/>; none: a first version) with <paramref name="changedOrAdded"/>
    /// replacing the diagram of the same key or added to them, compiled together into one assembly
    /// as the next version. Diagrams not named keep their text (their processes keep their
    /// definition; running instances stay on the version they started on). When every given text
    /// equals the previous one, nothing is compiled or deployed and the previous version is
    /// returned. Every diagram's text is stored with the version, so a deployment store (and a host
    /// that restarts on it) holds the whole set, and the next incremental deployment starts from it.
    /// </summary>
    public async Task<DeployedVersion> DeployIncrementalAsync(string deploymentName, IReadOnlyList<BpmnContent> changedOrAdded, string? tenantId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(deploymentName);
        if (changedOrAdded is null || changedOrAdded.Count == 0)
        {
            throw new ArgumentException("Give at least one diagram.", nameof(changedOrAdded));
        }

        var clock = Stopwatch.StartNew();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var signatureFailures = SignatureFailures(changedOrAdded);
            if (signatureFailures.Count > 0)
            {
                foreach (var (content, error) in signatureFailures)
                {
                    Report(content, clock.Elapsed, error);
                }

                throw signatureFailures[0].Error;
            }

            var previous = _registry.Versions.Where(v => v.Name == deploymentName && v.TenantId == tenantId).MaxBy(v => v.Activation);
            var diagrams = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var signatures = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var file in previous?.Manifest.Files.Where(f => f.Path.EndsWith(BpmnSuffix, StringComparison.OrdinalIgnoreCase)) ?? Enumerable.Empty<ManifestFile>())
            {
                diagrams[KeyOfFile(file.Path)] = Encoding.UTF8.GetString(previous!.ReadResource(file.Path)!);
                signatures[KeyOfFile(file.Path)] = previous.ReadResource(file.Path + SignatureSuffix) is { } signature ? Encoding.UTF8.GetString(signature) : null;
            }

            var changed = changedOrAdded.Where(c => !diagrams.TryGetValue(c.Key, out var before) || before != c.Text).ToList();
            if (previous is not null && changed.Count == 0)
            {
                foreach (var content in changedOrAdded)
                {
                    CompilationCompleted?.Invoke(new CompilationCompleted(content.Key, deploymentName, previous.Version, clock.Elapsed, true, Array.Empty<ContentDiagnostic>()));
                }

                return previous;
            }

            foreach (var content in changedOrAdded)
            {
                Check(content);
                diagrams[content.Key] = content.Text;
                signatures[content.Key] = content.Signature;
            }

            var all = diagrams.Select(d => new BpmnContent(d.Key, d.Value) { DeploymentName = deploymentName, Origin = changedOrAdded.FirstOrDefault(c => c.Key == d.Key)?.Origin, Signature = signatures.GetValueOrDefault(d.Key) }).ToList();
            CompiledContent compiled;
            try
            {
                compiled = await CompileAllAsync(deploymentName, all, cancellationToken).ConfigureAwait(false);
            }
            catch (ContentCompilationException ex)
            {
                foreach (var content in changed)
                {
                    Report(content, clock.Elapsed, ex);
                }

                throw;
            }

            var version = _registry.Versions.Where(v => v.Name == deploymentName && v.TenantId == tenantId).Select(v => v.Version).DefaultIfEmpty(0).Max() + 1;
            var deployment = Incremental(deploymentName, tenantId, version, compiled, all);
            DeployedVersion deployed;
            try
            {
                using var vouching = Vouching(new[] { deployment });
                try
                {
                    deployed = await _registry.DeployAsync(deployment, cancellationToken).ConfigureAwait(false);
                }
                catch (FlowDeploymentException ex) when (ex.Id is "FLOW6007" or "FLOW6143")
                {
                    throw VersionTaken(new[] { deployment }, 1, ex);
                }
            }
            catch (FlowDeploymentException ex)
            {
                foreach (var content in changed)
                {
                    Report(content, clock.Elapsed, ex);
                }

                throw;
            }

            _last.Remove(deploymentName);   // the single-diagram shortcut must not offer an older set again
            foreach (var content in changed)
            {
                CompilationCompleted?.Invoke(new CompilationCompleted(content.Key, deploymentName, deployed.Version, clock.Elapsed, false, compiled.Warnings.Where(w => w.Key == content.Key).ToList()));
            }

            return deployed;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<CompiledContent> CompileAllAsync(string deploymentName, IReadOnlyList<BpmnContent> contents, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_options.CompileTimeout);
        try
        {
            return await Task.Run(() => _compiler.Value.CompileAll(deploymentName, contents, limit.Token), limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ContentCompilationException(
                CompilationErrors.Timeout,
                $"The deployment '{deploymentName}' did not compile within {_options.CompileTimeout.TotalSeconds:0.###} s and was not deployed; what is live stays live.",
                Array.Empty<ContentDiagnostic>(),
                ex);
        }
    }

    /// <summary>The stored deployment: the assembly and every diagram's text, each with its hash in the manifest.</summary>
    private StoredDeployment Incremental(string name, string? tenantId, int version, CompiledContent compiled, IReadOnlyList<BpmnContent> diagrams)
    {
        var assemblyFile = compiled.AssemblyName + ".dll";
        var manifest = new DeploymentManifest
        {
            SchemaVersion = DeploymentManifest.SupportedSchemaVersion,
            Name = name,
            Tenant = tenantId,
            Version = version,
            Assembly = assemblyFile,
            Processes = compiled.Processes.Select(p => { p.Version = version; return p; }).OrderBy(p => p.Key, StringComparer.Ordinal).ToList(),
            Settings = _options.Settings,
        };
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [assemblyFile] = compiled.Assembly };
        manifest.Files.Add(new ManifestFile { Path = assemblyFile, Size = compiled.Assembly.Length, Sha256 = Sha256(compiled.Assembly) });
        foreach (var diagram in diagrams)
        {
            var bytes = Encoding.UTF8.GetBytes(diagram.Text);
            var path = diagram.Key + BpmnSuffix;
            files[path] = bytes;
            manifest.Files.Add(new ManifestFile { Path = path, Size = bytes.Length, Sha256 = Sha256(bytes) });
            AddSignature(diagram, path, manifest, files);
        }

        return new StoredDeployment(StoredDeployment.NameFor(name, tenantId), version, JsonSerializer.Serialize(manifest), files);
    }
}

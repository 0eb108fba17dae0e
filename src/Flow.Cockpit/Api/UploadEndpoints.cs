using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Flow.Cockpit.Deploy;
using Flow.Cockpit.Live;
using Flow.Deployment;
using Flow.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Flow.Cockpit.Api;

/// <summary>
/// Deploying through the cockpit (operator only): an uploaded package (a zip of a deployment
/// folder), uploaded BPMN text (when the host has a content deployer), or a folder under the
/// host's allowed root. Whatever fails is a problem with its FLOW id, and what was live stays live.
/// </summary>
internal static class UploadEndpoints
{
    private static readonly string[] BpmnTypes = ["application/xml", "text/xml", "application/bpmn+xml"];
    private static readonly string[] ZipTypes = ["application/zip", "application/x-zip-compressed"];

    public static void Map(RouteGroupBuilder operate)
    {
        operate.MapPost("/deployments", DeployUploadAsync)
            .AcceptsUpload("application/zip", "application/xml")
            .WithMetadata(CrossSiteRequests.OwnMediaTypes)   // takes only those two (FLOW6411, 415), neither of which a form can send
            .Produces<DeployedView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("DeployUpload").WithSummary("Deploys an uploaded package (application/zip: a zip of a deployment folder) or BPMN text (application/xml, ?key= and ?tenant=).");
        operate.MapPost("/deployments/folder", DeployFolderAsync)
            .AcceptsJsonBody<FolderRequest>()
            .Produces<DeployedView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("DeployFolder").WithSummary("Deploys a folder relative to the host's allowed deployment root.");
    }

    private static async Task<IResult> DeployUploadAsync(string? key, string? tenant, HttpRequest request, IServiceProvider services, FlowEngine engine,
        IOptions<CockpitOptions> options, CockpitSignals signals, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxUploadBytes;
        var mediaType = (request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var isZip = ZipTypes.Contains(mediaType);
        var isBpmn = BpmnTypes.Contains(mediaType);
        if (!isZip && !isBpmn)
        {
            return Problems.Of(CockpitErrors.UploadMalformed, StatusCodes.Status415UnsupportedMediaType,
                $"Upload a package as application/zip or BPMN text as application/xml, not '{request.ContentType}'.");
        }

        if (isBpmn && options.Value.DeployBpmn is null)
        {
            return Problems.Of(CockpitErrors.ContentDeploymentUnavailable, StatusCodes.Status415UnsupportedMediaType,
                "This host deploys no BPMN text (it registered no content deployer: CockpitOptions.DeployBpmn); upload a built package (application/zip).");
        }

        if (isBpmn && string.IsNullOrWhiteSpace(key))
        {
            return Problems.Of(CockpitErrors.UploadMalformed, StatusCodes.Status400BadRequest, "Name the process key of the BPMN text: ?key=order-review.");
        }

        var body = await ReadBoundedAsync(request, max, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Problems.Of(CockpitErrors.UploadTooLarge, StatusCodes.Status413PayloadTooLarge, $"The upload is larger than {max} bytes (MaxUploadBytes); nothing was deployed.");
        }

        DeployedVersion deployed;
        try
        {
            if (isBpmn)
            {
                var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(body);
                deployed = await options.Value.DeployBpmn!(services, new BpmnUpload(key!, text.TrimStart('\uFEFF'), tenant), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var (package, flowId, error) = DeploymentPackage.Read(body, max);
                if (package is null)
                {
                    return Problems.Of(flowId!, flowId == CockpitErrors.UploadTooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, error!);
                }

                deployed = await engine.Registry.DeployAsync(package, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DecoderFallbackException)
        {
            return Problems.Of(CockpitErrors.UploadMalformed, StatusCodes.Status400BadRequest, "The BPMN text is not UTF-8; nothing was deployed.");
        }
        catch (ArgumentException e) when (isBpmn)
        {
            // The content deployer's own checks of what it was given (a key it cannot take, empty text).
            return Problems.Of(CockpitErrors.UploadMalformed, StatusCodes.Status400BadRequest, e.Message + " Nothing was deployed.");
        }
        catch (Exception e) when (Refusal(e) is { } problem)
        {
            return problem;
        }

        signals.Pulse();
        return TypedResults.Ok(Deployed(engine, deployed));
    }

    private static async Task<IResult> DeployFolderAsync(HttpRequest request, FlowEngine engine, IOptions<CockpitOptions> options, CockpitSignals signals, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (body!["folder"] is not System.Text.Json.Nodes.JsonValue value || !value.TryGetValue(out string? requested))
        {
            return JsonBody.Malformed("The body must be {\"folder\": \"<folder relative to the deployment root>\"}.");
        }

        var (folder, error) = DeploymentFolders.Resolve(options.Value.DeploymentRoot, requested);
        if (folder is null)
        {
            return Problems.Of(CockpitErrors.FolderNotAllowed, StatusCodes.Status403Forbidden, error!);
        }

        DeployedVersion deployed;
        try
        {
            deployed = (await engine.DeployAsync([folder], cancellationToken).ConfigureAwait(false))[0];
        }
        catch (Exception e) when (Refusal(e) is { } refused)
        {
            return refused;
        }

        signals.Pulse();
        return TypedResults.Ok(Deployed(engine, deployed));
    }

    private static DeployedView Deployed(FlowEngine engine, DeployedVersion version) =>
        new(version.Name, version.Version, version.TenantId, version.Processes.Select(p => p.Key).ToList(),
            DeploymentEndpoints.Views(engine.Registry).FirstOrDefault(d => d.Name == version.Name));

    /// <summary>
    /// A refused deployment as a problem: the runtime's FLOW id, or the id (and diagnostics, each
    /// with its line and column) of a content deployer's exception, read by shape so the cockpit
    /// does not depend on Flow.Runtime.Compilation.
    /// </summary>
    private static IResult? Refusal(Exception error)
    {
        if (Problems.FromRuntime(error) is { } runtime)
        {
            return runtime;
        }

        if (error.GetType().GetProperty("Id")?.GetValue(error) is not string id || !id.StartsWith("FLOW", StringComparison.Ordinal))
        {
            return null;
        }

        var diagnostics = new List<DiagnosticView>();
        if (error.GetType().GetProperty("Diagnostics")?.GetValue(error) is IEnumerable items)
        {
            foreach (var item in items)
            {
                if (item is null)
                {
                    continue;
                }

                object? Read(string name) => item.GetType().GetProperty(name)?.GetValue(item);
                diagnostics.Add(new DiagnosticView(Read("Id") as string ?? "", Read("IsError") as bool? ?? true, Read("Message") as string ?? item.ToString() ?? "",
                    Read("Key") as string, Read("Line") as int? ?? 0, Read("Column") as int? ?? 0));
            }
        }

        return Problems.Of(id, StatusCodes.Status422UnprocessableEntity, error.Message + " Nothing was deployed; what was live stays live.", null,
            new Dictionary<string, object?> { ["diagnostics"] = diagnostics });
    }

    /// <summary>The body, or null when it is larger than <paramref name="max"/>.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, long max, CancellationToken cancellationToken)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max + 1;   // our own limit answers with a problem, not the server's bare 413
        }

        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

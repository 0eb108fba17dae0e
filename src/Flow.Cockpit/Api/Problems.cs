using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Flow.Deployment;
using Flow.Engine;
using Microsoft.AspNetCore.Http;

namespace Flow.Cockpit.Api;

/// <summary>RFC 7807 problem details that carry the FLOW id (<c>flowId</c>) and link its documentation (<c>type</c>).</summary>
internal static class Problems
{
    public static IResult Of(string flowId, int status, string detail, string? instance = null) => Of(flowId, status, detail, instance, null);

    /// <summary>As <see cref="Of(string, int, string, string?)"/>, with more members (e.g. <c>diagnostics</c>).</summary>
    public static IResult Of(string flowId, int status, string detail, string? instance, IReadOnlyDictionary<string, object?>? more)
    {
        var title = CockpitErrors.All.TryGetValue(flowId, out var known) ? known
            : DeploymentErrors.All.TryGetValue(flowId, out var deployment) ? deployment
            : InstanceErrors.All.TryGetValue(flowId, out var instanceError) ? instanceError
            : flowId;
        return TypedResults.Problem(
            detail: detail,
            instance: instance,
            statusCode: status,
            title: title,
            type: "docs/diagnostics.md#" + flowId.ToLowerInvariant(),
            extensions: Extensions(flowId, more));
    }

    private static Dictionary<string, object?> Extensions(string flowId, IReadOnlyDictionary<string, object?>? more)
    {
        var extensions = new Dictionary<string, object?> { ["flowId"] = flowId };
        foreach (var (name, value) in more ?? new Dictionary<string, object?>())
        {
            extensions[name] = value;
        }

        return extensions;
    }

    public static IResult UnknownInstance(string id) =>
        Of(CockpitErrors.UnknownInstance, StatusCodes.Status404NotFound, $"No instance has the id '{id}'.");

    public static IResult UnknownProcess(string key, int? version = null) =>
        Of(CockpitErrors.UnknownProcess, StatusCodes.Status404NotFound,
            version is null ? $"No deployed version defines the process '{key}'." : $"No deployment version {version} defines the process '{key}'.");

    public static IResult UnknownDeployment(string name, int? version = null) =>
        Of(CockpitErrors.UnknownDeployment, StatusCodes.Status404NotFound,
            version is null ? $"No deployment is named '{name}'." : $"The deployment '{name}' has no version {version}.");

    public static IResult InvalidQuery(string detail) => Of(CockpitErrors.InvalidQuery, StatusCodes.Status400BadRequest, detail);

    /// <summary>An id in the route that cannot be an instance id (FLOW6324: control characters, too long) is a 400 problem on every endpoint, not a server error.</summary>
    public static async ValueTask<object?> RefuseInvalidIdsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (FlowInvalidIdException e)
        {
            return Of(e.Id, StatusCodes.Status400BadRequest, e.Message);
        }
    }

    /// <summary>What the runtime refused a command with, as a problem with the runtime's own FLOW id.</summary>
    public static IResult? FromRuntime(Exception error) => error switch
    {
        FlowInstanceException e => Of(e.Id, e.Id == "FLOW6042" ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, e.Message),
        FlowDeploymentException e => Of(e.Id, e.Id == "FLOW6007" ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict, e.Message),
        FlowCorrelationException e => Of(e.Id, e.Id switch
        {
            InstanceErrors.MessageUnmatched => StatusCodes.Status404NotFound,
            // The caller's own input, not a conflict with the instance's state: a key or message name over
            // 1,024 UTF-8 bytes (FLOW6325), one that cannot be stored (FLOW6326), a payload that is not UTF-8 (FLOW6327).
            "FLOW6325" or "FLOW6326" or "FLOW6327" => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status409Conflict,
        }, e.Message),
        FlowInputException e => Of(e.Id, StatusCodes.Status400BadRequest, e.Message),
        FlowInvalidIdException e => Of(e.Id, StatusCodes.Status400BadRequest, e.Message),
        FlowConcurrencyException e => Of(CockpitErrors.Conflict, StatusCodes.Status409Conflict, e.Message + " Reload it and try again."),
        System.Text.Json.JsonException e => Of(CockpitErrors.MalformedBody, StatusCodes.Status400BadRequest, e.Message),
        // The instance was there when the endpoint looked it up and was removed before the command loaded it
        // (a retention sweep, an undeploy that deletes its instances, another node): as unknown as any other id.
        KeyNotFoundException e when e.Message.StartsWith("No instance ", StringComparison.Ordinal) =>
            Of(CockpitErrors.UnknownInstance, StatusCodes.Status404NotFound, e.Message + " It was removed meanwhile; nothing was changed."),
        _ => null,
    };
}

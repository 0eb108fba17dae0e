using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Flow.Cockpit.Api;

/// <summary>
/// Describes a JSON request body in the OpenAPI document without <c>Accepts</c>, whose
/// content-type check would answer a bare 415 before the endpoint could answer a FLOW6404 problem.
/// </summary>
internal static class JsonBodyDocumentation
{
    public static RouteHandlerBuilder AcceptsJsonBody<T>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken).ConfigureAwait(false);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = false,
                Content = new System.Collections.Generic.Dictionary<string, OpenApiMediaType> { ["application/json"] = new OpenApiMediaType { Schema = schema } },
            };
        });

    /// <summary>Describes an uploaded body (binary, of the given media types) the same way, without <c>Accepts</c>.</summary>
    public static RouteHandlerBuilder AcceptsUpload(this RouteHandlerBuilder builder, params string[] mediaTypes) =>
        builder.AddOpenApiOperationTransformer((operation, context, cancellationToken) =>
        {
            var content = new System.Collections.Generic.Dictionary<string, OpenApiMediaType>();
            foreach (var mediaType in mediaTypes)
            {
                content[mediaType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
            }

            operation.RequestBody = new OpenApiRequestBody { Required = true, Content = content };
            return Task.CompletedTask;
        });
}

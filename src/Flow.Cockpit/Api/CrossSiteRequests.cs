using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Flow.Cockpit.Api;

/// <summary>
/// Refuses a changing request that a page of another site could send without a CORS preflight
/// (a "simple" request): no Content-Type, or one a form can send (<c>application/x-www-form-urlencoded</c>,
/// <c>multipart/form-data</c>, <c>text/plain</c>). With cookie authentication the browser adds the
/// operator's cookie to such a request, so without this an abort or undeploy (no body needed) or
/// a start with a text/plain body crafted as JSON would run on an operator's behalf (FLOW6328, 415).
/// The cockpit's page and every API client send <c>application/json</c> (or an upload's own type),
/// which a browser only sends cross-site after a preflight that CORS, closed by default, refuses.
/// </summary>
internal static class CrossSiteRequests
{
    /// <summary>Marks an endpoint that refuses every media type but its own, none of which a form can send (uploads).</summary>
    public static readonly object OwnMediaTypes = new ChecksItsMediaType();

    public static async ValueTask<object?> RefuseSimpleRequestsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsPost(request.Method) && SentByAnyForm(request.ContentType)
            && context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ChecksItsMediaType>() is null)
        {
            var given = string.IsNullOrWhiteSpace(request.ContentType) ? "no Content-Type" : $"Content-Type '{request.ContentType}'";
            return Problems.Of(CockpitErrors.NotJsonMediaType, StatusCodes.Status415UnsupportedMediaType,
                $"A command must be sent as application/json (uploads: application/zip or application/xml), not with {given}: "
                + "a page of any other site can send that without the browser asking first. Nothing was changed.");
        }

        return await next(context).ConfigureAwait(false);
    }

    private static bool SentByAnyForm(string? contentType)
    {
        var mediaType = (contentType ?? "").Split(';')[0].Trim();
        return mediaType.Length == 0
            || mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase);
    }

    private sealed class ChecksItsMediaType;
}

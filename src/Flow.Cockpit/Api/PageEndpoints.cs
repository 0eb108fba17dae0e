using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Flow.Cockpit.Live;
using Flow.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Flow.Cockpit.Api;

/// <summary>The page and its embedded assets, who the user is, and health.</summary>
internal static class PageEndpoints
{
    private static readonly Assembly Self = typeof(PageEndpoints).Assembly;

    public static void Map(RouteGroupBuilder page, RouteGroupBuilder read)
    {
        // The page's links are relative: /flows must become /flows/ (one route matches both).
        page.MapGet("/", (HttpContext context) => context.Request.Path.Value?.EndsWith('/') == true
                ? Asset("index.html")
                : TypedResults.Redirect(context.Request.PathBase + context.Request.Path + "/"))
            .ExcludeFromDescription();
        page.MapGet("/assets/{**path}", (string path) => Asset(path)).ExcludeFromDescription();

        read.MapGet("/me", async (HttpContext context, IAuthorizationService authorization, IOptions<CockpitOptions> options) =>
            {
                var operatorPolicy = options.Value.OperatorPolicy;
                var canOperate = operatorPolicy is null
                    || (await authorization.AuthorizeAsync(context.User, operatorPolicy).ConfigureAwait(false)).Succeeded;
                return TypedResults.Ok(new UserView(true, canOperate));
            })
            .WithName("GetUser").WithSummary("What the signed-in user may do (the page shows operator buttons only to operators).");
        read.MapGet("/health", (FlowEngine engine, CockpitJournal journal) =>
            {
                var failed = journal.Since().Count(e => e.Kind == "failed");
                return TypedResults.Ok(new HealthView("ok", engine.Registry.Versions.Count, engine.Registry.Latest.Count, failed));
            })
            .WithName("GetHealth").WithSummary("Registered versions, live process keys, failed deployments in the kept timeline.");
        read.MapGet("/tenants", (CockpitTenants tenants) => TypedResults.Ok(tenants.Current))
            .WithName("ListTenants").WithSummary("The tenants with a registered deployment (empty: the host has none, and the page shows no tenant selector).");
    }

    private static IResult Asset(string path)
    {
        if (path.Contains("..", StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal))
        {
            return TypedResults.NotFound();
        }

        var stream = Self.GetManifestResourceStream("cockpit/" + path);
        if (stream is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Stream(stream, ContentType(path));
    }

    private static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".woff2" => "font/woff2",
        _ => "application/octet-stream",
    };
}

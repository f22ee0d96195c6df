using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace Accelerator.ServiceDefaults;

/// <summary>
/// The <c>guid</c> route constraint less the nil UUID, which names nothing: Marten refuses it as a stream id
/// (ArgumentOutOfRangeException, a 500), so no route takes it and it is a 404 like any unknown id.
/// </summary>
internal sealed class IdRouteConstraint : IRouteConstraint, IParameterLiteralNodeMatchingPolicy
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value switch
        {
            Guid id => id != Guid.Empty,
            string text => IsId(text),
            _ => IsId(Convert.ToString(value, CultureInfo.InvariantCulture)),
        };

    public bool MatchesLiteral(string parameterName, string literal) => IsId(literal);

    private static bool IsId(string? text) => Guid.TryParse(text, CultureInfo.InvariantCulture, out var id) && id != Guid.Empty;
}

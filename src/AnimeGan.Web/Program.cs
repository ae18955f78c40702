using Microsoft.AspNetCore.Builder;

// Run directly (dotnet AnimeGan.Web.dll --AnimeGan:Port=5000) or through `animegan serve`, which starts the same app.
var builder = WebApplication.CreateBuilder(args);
var app = WebServer.Build(builder);
app.Run();

/// <summary>The web app's entry point, named for WebApplicationFactory in the tests.</summary>
public partial class Program
{
}

using LiveCommerce.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

LiveCommerceFunctionsApp.Configure(FunctionsApplication.CreateBuilder(args)).Build().Run();

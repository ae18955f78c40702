<#
.SYNOPSIS
    Runs this folder's Pester suite against the built module and leaves its counts for test.sh.
.EXAMPLE
    pwsh ./tests/PowerShell/Invoke-PesterSuite.ps1 -PesterPath ~/.nuget/packages/pester/5.9.1/tools/Pester.psd1 -ResultsFolder ./artifacts/test-results
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ResultsFolder
)
$ErrorActionPreference = 'Stop'
# Messages without colour codes: the NUnit report cannot hold the escape character.
$PSStyle.OutputRendering = 'PlainText'
Import-Module $PesterPath -Force
New-Item -ItemType Directory -Force -Path $ResultsFolder | Out-Null
$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = Join-Path $ResultsFolder 'pester.xml'
$result = Invoke-Pester -Configuration $config
# A failed BeforeAll or container fails tests that never got to run: count those as failures.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
$skipped = $result.SkippedCount + $result.NotRunCount
"$($result.PassedCount + $failed + $skipped) $($result.PassedCount) $failed $skipped" | Set-Content -Path (Join-Path $ResultsFolder 'pester-counts.txt')
Write-Host "The Pester suite: $($result.PassedCount) passed, $failed failed, $skipped skipped (joined into the closing Tests line)"
exit ([int]($failed -gt 0))

// xunit 2 adds no implicit usings; tests throughout the project rely on this one.
global using Xunit;

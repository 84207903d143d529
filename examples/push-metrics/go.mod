module example.com/ops/push-metrics

go 1.22

#!/bin/bash
# expect: partial
# 256M (decimal megabytes) is about 244Mi, not the 256Mi the task asks for.
kubectl -n search-prod set resources deployment indexer --limits=memory=256M
